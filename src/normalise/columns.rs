//! What each column of a sheet is: respondent id, session, other metadata, or a question.
//! Header names are resolved here, once; after this nobody looks at raw header text.

use crate::model::label_key;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The role of one column of a sheet of responses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    RespondentId,
    Session,
    /// Metadata the analysis does not use (times, e-mail, name, role...). Kept out of outputs.
    Metadata,
    /// A question, by its index in the survey. `tick` is set for one column of a multi-select
    /// question that has a column per option: the index of that option.
    Question {
        index: usize,
        tick: Option<usize>,
    },
    /// A header the survey definition does not mention (reported, not used).
    Unclaimed,
    /// An empty header over an empty column.
    Empty,
}

/// What the built-in header names say a column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meta {
    RespondentId,
    Session,
    Date,
    MemberRole,
    Cohort,
    Other,
}

const RESPONDENT_ID: &[&str] = &[
    "id",
    "responseid",
    "uniqueid",
    "externalreference",
    "externaldatareference",
    "respondent id",
    "respondentid",
    "response id",
    "responseid",
    "response number",
    "respondent",
    "userid",
    "user id",
    "userno",
    "unique id",
    "form no",
    "form number",
    "form",
];

const SESSION: &[&str] = &[
    "session",
    "session name",
    "training session",
    "course",
    "event",
];

const DATE: &[&str] = &[
    "start time",
    "completion time",
    "last modified time",
    "timestamp",
    "date",
    "session date",
    "start date",
    "end date",
    "date submitted",
    "submitted",
    "recorded date",
    "started",
    "ended",
    "startdate",
    "enddate",
    "recordeddate",
    "lastmodified",
    "submitdate",
    "submittedat",
    "datelastaction",
    "datestarted",
    "registrationdate",
];

const OTHER: &[&str] = &[
    "email",
    "email address",
    "e-mail",
    "e-mail address",
    "name",
    "full name",
    "first name",
    "last name",
    "surname",
    "total points",
    "quiz feedback",
    "ip address",
    "collector id",
    "ward",
    "party",
    "committee",
    "custom data 1",
    "response type",
    "progress",
    "duration (in seconds)",
    "finished",
    "recipient last name",
    "recipient first name",
    "recipient email",
    "external data reference",
    "external reference",
    "location latitude",
    "location longitude",
    "distribution channel",
    "user language",
    "tracking link",
    "custom variables",
    "ipaddress",
    "ip",
    "status",
    "progress",
    "durationinseconds",
    "duration",
    "responsetype",
    "locationlatitude",
    "locationlongitude",
    "latitude",
    "longitude",
    "distributionchannel",
    "userlanguage",
    "language",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "qrecaptchascore",
    "qrelevantidduplicate",
    "qrelevantidduplicatescore",
    "qrelevantidfraudscore",
    "qrelevantidlaststartdate",
    "qballotboxstuffing",
    "collectorid",
    "emailaddress",
    "customdata",
    "customdata2",
    "customdata3",
    "netid",
    "networkid",
    "token",
    "referer",
    "referrer",
    "useragent",
    "browser",
    "operatingsystem",
    "device",
    "phone",
    "phonenumber",
    "telephone",
    "mobile",
    "address",
    "postcode",
    "score",
    // KoboToolbox and ODK write their own fields beside the answers (`_uuid`, `_index`...).
    "uuid",
    "index",
    "submittedby",
    "submissiontime",
    "validationstatus",
    "instanceid",
    "deviceid",
    "username",
    "attachments",
    "geolocation",
];

/// Role of a column from the usual export header names of each platform (Microsoft and
/// Google Forms, SurveyMonkey, SmartSurvey, Qualtrics), compared on letters and digits only,
/// so that `IPAddress`, `IP Address` and `ip_address` are one name; `None` for anything else.
pub fn builtin(header: &str) -> Option<Meta> {
    let key = compact(header);
    match key.as_str() {
        "role" => Some(Meta::MemberRole),
        "cohort" => Some(Meta::Cohort),
        k => known_headers().get(k).copied(),
    }
}

/// Every listed header name by its compact key, built once (the first list naming a key
/// wins, so an id is a respondent id before it is anything else).
fn known_headers() -> &'static HashMap<String, Meta> {
    static KNOWN: OnceLock<HashMap<String, Meta>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut known = HashMap::new();
        for (names, meta) in [
            (RESPONDENT_ID, Meta::RespondentId),
            (SESSION, Meta::Session),
            (DATE, Meta::Date),
            (OTHER, Meta::Other),
        ] {
            for n in names {
                known.entry(compact(n)).or_insert(meta);
            }
        }
        known
    })
}

/// A header's letters and digits, lower-cased: the key platform spellings are compared on.
fn compact(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The columns of a tally sheet: an already counted table with a question, an option and a
/// count column (and maybe a session column), like a hand-written evaluation summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TallyColumns {
    pub question: usize,
    pub option: usize,
    pub count: usize,
    pub session: Option<usize>,
}

const TALLY_QUESTION: &[&str] = &["question", "questions", "statement", "item"];
const TALLY_OPTION: &[&str] = &["option", "answer", "response", "choice", "rating"];
const TALLY_COUNT: &[&str] = &[
    "count",
    "number",
    "n",
    "no",
    "responses",
    "number of responses",
    "total",
    "frequency",
    "votes",
];

/// The tally columns, when the headers are those of a tally sheet.
pub fn tally(headers: &[String]) -> Option<TallyColumns> {
    let keys: Vec<String> = headers.iter().map(|h| label_key(h)).collect();
    let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
    let session = keys.iter().position(|k| SESSION.contains(&k.as_str()));
    Some(TallyColumns {
        question: find(TALLY_QUESTION)?,
        option: find(TALLY_OPTION)?,
        count: find(TALLY_COUNT)?,
        session,
    })
}

/// `Stem [Part]` headers (Google Forms grids, SurveyMonkey and SmartSurvey sub-headers): the
/// stem and the part.
pub fn bracketed(header: &str) -> Option<(&str, &str)> {
    let h = header.trim_end();
    let inner = h.strip_suffix(']')?;
    let open = inner.rfind(" [")?;
    let (stem, part) = (&inner[..open], &inner[open + 2..]);
    (!stem.trim().is_empty() && !part.trim().is_empty()).then(|| (stem.trim(), part.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_metadata_is_recognised() {
        assert_eq!(builtin("ID"), Some(Meta::RespondentId));
        assert_eq!(builtin("Completion time"), Some(Meta::Date));
        assert_eq!(builtin(" Timestamp "), Some(Meta::Date));
        assert_eq!(builtin("Session"), Some(Meta::Session));
        assert_eq!(builtin("Duration (in seconds)"), Some(Meta::Other));
        assert_eq!(builtin("Were your objectives achieved?"), None);
        for qualtrics in [
            "IPAddress",
            "ResponseId",
            "LocationLatitude",
            "Q_RecaptchaScore",
        ] {
            assert!(builtin(qualtrics).is_some(), "{qualtrics}");
        }
        for monkey in [
            "Respondent ID",
            "Collector ID",
            "IP Address",
            "Email Address",
        ] {
            assert!(builtin(monkey).is_some(), "{monkey}");
        }
        assert_eq!(builtin("ip_address"), Some(Meta::Other));
        assert_eq!(builtin("UniqueID"), Some(Meta::RespondentId));
    }

    #[test]
    fn tally_sheets_and_bracketed_headers_are_recognised() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            tally(&h(&["Question", "Response", "Number"])),
            Some(TallyColumns {
                question: 0,
                option: 1,
                count: 2,
                session: None
            })
        );
        assert_eq!(tally(&h(&["ID", "Question 1"])), None);
        assert_eq!(
            bracketed("Rate the session [Pace]"),
            Some(("Rate the session", "Pace"))
        );
        assert_eq!(bracketed("Comments [optional"), None);
    }
}
