"""The extractor's rules, one module per thing decided. Where a new phrasing goes:

| module | decides | findings |
| --- | --- | --- |
| `document.py` | nothing: the `Sentence` and `Prepared` every rule reads, and shared helpers | |
| `enforcement.py` | whether a sentence is about enforcement, whether a text reports an action at all | |
| `action_type.py` | the action type (headings, prose), and the second action of a penalty + notice pair | `Heading` |
| `status.py` | provisional / final / appealed / upheld | |
| `amount.py` | which GBP figure is the penalty, the proposed figure, a reduction | `AmountFinding` |
| `party.py` | the penalised party, its aliases, its company number (weights in `PARTY_WEIGHTS`) | `PartyFinding` |
| `subjects.py` | the number of people affected | `SubjectsFinding` |
| `action_date.py` | the action's date | `DateFinding` |
| `failure_codes.py` | which taxonomy failures a text names (the patterns are `extract/failures.py`) | |
| `other_cases.py` | the other cases a round-up reports: one action per organisation and type | `OtherCaseFinding` |

Each module is a set of small named patterns (module constants or `pattern_*`/`rule_*` functions)
plus one `find_*` function that the extractor calls with a `Prepared` document. A new press
phrasing for a party goes into `party.py` as a pattern; a new way to say "provisional" into
`status.py`; and so on. Rules never load spaCy themselves: the extractor passes the model's
parts in.
"""
