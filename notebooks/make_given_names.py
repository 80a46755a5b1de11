"""Writes src/model/given_names.txt: the given names evalboard flags in comments when they are
on no list (see src/model/names.rs).

Source: the 1990 US Census lists of first names (public domain), as shipped by the PyPI
package `names` 0.3.0 (`pip download names==0.3.0 --no-deps`, then unpack it and pass the
folder holding dist.male.first and dist.female.first). The most common 500 male and 800
female names are kept, with common British names the 1990 lists rank low, and without the
names that are ordinary English words more often than names (a capitalised "Will", "May" or
"Grace" starts sentences).

    python notebooks/make_given_names.py /path/to/names-0.3.0/names > src/model/given_names.txt
"""
import sys
from pathlib import Path

MALE, FEMALE = 500, 800

BRITISH = """
alistair angus ashley barry bernard callum ciaran clive colin craig darren declan dominic duncan
eamon fergus gareth gavin geoffrey glyn graeme graham hamish iain ian jamie kieran lewis liam
malcolm mohammed muhammad neil nigel oliver owen rhys rory ross rupert ruairi seamus simon
stuart toby trevor wayne aisling alison amelia aoife bethan bronwen carys catriona ceri
charlotte chloe ciara deborah eileen eleanor eliza emily fiona freya gemma georgia gillian
gwen harriet imogen isla jemma kirsty lorna lucy mairead morag niamh olivia philippa rhian
saoirse shona siobhan sinead zara aisha fatima priya
""".split()

COMMON_WORDS = set("""
will may june april august mark bill grace hope joy faith rose pat sue don art guy rich dawn
summer page lane young long ray jack frank miles chance lou chase cliff dale glen gene ruby
iris ivy holly crystal amber jewel pearl ginger sandy misty sunny honey max sky buck carol
bay christian major royal sterling son del penny patience prudence mercy charity constance
virginia georgia florida carolina dakota else ensure allan gay roy sol sam les ned ted tom
sonny rod bud hunter forest wood river stone price king mason carter cook baker warren
bob kay ken lee van jan jean john bell bond earl early dean law will rusty harley ali
autumn heather daisy violet olive brandy candy hazel melody angel marina rosemary jasmine
myrtle grant drew wade gale lily laurel fern clay nick marshall earnest lance randy bonnie
""".split())


def read(path, n):
    out = []
    for line in Path(path).read_text().splitlines()[:n]:
        out.append(line.split()[0].lower())
    return out


def main(folder):
    names = set(read(Path(folder) / "dist.male.first", MALE))
    names |= set(read(Path(folder) / "dist.female.first", FEMALE))
    names |= set(BRITISH)
    names -= COMMON_WORDS
    names = sorted(n for n in names if len(n) >= 3)
    print("# Given names flagged in comments when on no list: see notebooks/make_given_names.py")
    for n in names:
        print(n)


if __name__ == "__main__":
    main(sys.argv[1])
