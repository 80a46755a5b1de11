//! Sessions compared with each other: a session that did worse than the rest beyond chance is
//! named in the evaluation document, with its counts, and every comparison is in the table.

use crate::util::Workdir;

/// A session's sheets: `good` favourable answers out of 20, the rest dissatisfied.
fn session(good: usize) -> String {
    let mut text = String::from("ID,How satisfied were you with the session?\n");
    for i in 0..20 {
        let answer = if i < good {
            ["Very satisfied", "Fairly satisfied"][i % 2]
        } else {
            "Fairly dissatisfied"
        };
        text.push_str(&format!("{},{answer}\n", i + 1));
    }
    text
}

#[test]
fn a_session_that_did_worse_than_the_others_is_named_with_its_counts() {
    let w = Workdir::new();
    w.write("Member training 2024-01-10.csv", &session(19))
        .write("Member training 2024-01-17.csv", &session(19))
        .write("Member training 2024-01-24.csv", &session(8));
    w.run_ok();
    let table = w.table("session_differences.csv");
    assert_eq!(table.len(), 3);
    let worst = &table[2];
    assert_eq!(worst["session"], "Member training 2024-01-24");
    assert_eq!(
        [
            &worst["favourable"],
            &worst["answered"],
            &worst["others_favourable"],
            &worst["others_answered"]
        ],
        ["8", "20", "38", "40"]
    );
    // scipy 1.17.1: fisher_exact([[8, 12], [38, 2]]) -> 5.845540899731308e-06.
    assert_eq!(worst["p_exact"], "0.0000");
    assert_eq!(worst["beyond_chance"], "true");
    assert_eq!(worst["difference"], "-55.0000");
    let doc = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    assert!(
        doc.contains("Member training 24 January 2024: 8 of 20 (40%) answers were favourable, against 38 of 40 (95%) in the other sessions."),
        "{doc}"
    );
    // The two good sessions, each 19 of 20 against 27 of 40, stand apart too (Holm-adjusted
    // p 0.045): the weak session pulls the others' share down.
    assert!(doc.contains("Member training 10 January 2024: 19 of 20 (95%) answers were favourable, against 27 of 40 (68%)"));
}

#[test]
fn sessions_alike_are_said_to_be_alike() {
    let w = Workdir::new();
    w.write("Member training 2024-01-10.csv", &session(15))
        .write("Member training 2024-01-17.csv", &session(14));
    w.run_ok();
    let table = w.table("session_differences.csv");
    assert_eq!(table.len(), 2);
    assert!(table.iter().all(|r| r["beyond_chance"] == "false"));
    let doc = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    assert!(doc.contains("no session stood apart from the rest by more than chance would explain"));
}
