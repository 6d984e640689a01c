"""Follow-ups are read however minutes write them: "will", markers, action columns, initials, asked others."""

import datetime as dt

import pytest

from corpus.followups.extract import ItemText, extract
from corpus.shapes import parse_text

DAY = dt.date(2024, 3, 5)


def found(text: str) -> list[tuple[str, str | None]]:
    return [(f.text, f.owner_raw) for f in extract(ItemText(1, 1, DAY, text))]


def minuted_follow_ups(minutes: str):
    """The follow-ups the only item of `minutes` gives, read as ingest reads it: its text, decisions and title."""
    (meeting,) = parse_text(minutes, "minutes.txt").meetings
    (item,) = meeting.items
    decided = tuple((r.label, r.text) for r in item.resolutions)
    return extract(ItemText(1, 1, meeting.date, item.text, decided, item.title))


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Brenda will do some research to find the documentation.", "Brenda"),
        ("Rahul is going to look into how to recover the server.", "Rahul"),
        ("Cllr Connell offered to contact Highways about the potholes.", "Cllr Connell"),
        ("The Head of IT will check all phone lines.", "The Head of IT"),
        ("Challenge owner to clarify the organisations within the proposal.", "Challenge owner"),
        ("CC asked the Parish Clerk to chase the supplier for a design.", "the Parish Clerk"),
        ("It was agreed that the Clerk approach the supplier regarding the boiler.", "the Clerk"),
        ("Action Item – DQC to review the guidance document.", "DQC"),
        ("Performance figures were available for the meeting. ACTION: AHop", "AHop"),
        ("Alex: I will send the draft round.", "Alex"),
        ("- Katie: Will post the video to the website soon", "Katie"),
        ("(Sam) to book the hall for the AGM.", "Sam"),
        ("MS stated he would update the signatories on the account.", "MS"),
        ("Trustees were requested to actively seek replacements.", "Trustees"),
        ("Benefits of membership will be listed. ACTION: Ahop/AB", "Ahop/AB"),
        ("Manhole covers: GC to contact builders regarding replacement.", "GC"),
        ("Steps: HP and GC to contact builders to obtain quotes for repairs.", "HP and GC"),
        ("The potholes are to be filled soon, Councillor Healey to order scalpings.", "Councillor Healey"),
        (
            "The Innovation and Development Manager will send the handbook round.",
            "The Innovation and Development Manager",
        ),
        ("Cllr. R. Okafor would ask the owner for access to the verge.", "Cllr. R. Okafor"),
        ("The figures are due next week and the Finance Officer will circulate them.", "the Finance Officer"),
        ("Direct park staff to draft a litter policy for the summer.", "park staff"),
        ("Request that the Youth Panel review the skate park rules.", "the Youth Panel"),
        ("Action: the county data standards team to publish the revised schema.", "the county data standards team"),
        ("Action: RK to attend the regional forum in May.", "RK"),
        ("- [ ] @mira will draft the release notes", "@mira"),
        ("- [ ] @mira tidy the issue tracker", "@mira"),
        ("The kitchen lease needs checking, action Priya.", "Priya"),
        ("PT and Jo to sort the storage cupboard next week.", "PT and Jo"),
        ("- 🔧 TODO: Kim is going to label the gas bottles.", "Kim"),
        ("If the bid succeeds, the finance team is to request the grant in May.", "the finance team"),
        ("○ Action TK: Ask the caretaker which rooms are free", "TK"),
        ("ACTION JB/RL: send the photographs to the newsletter", "JB/RL"),
        ("Morag - notify members of the photo competition by email", "Morag"),
        ("2. Dara-book the minibus for the open day", "Dara"),
        ("Ruth plans to run a stall at the spring fair.", "Ruth"),
        ("Omar is willing to take on the newsletter.", "Omar"),
        ("Jo Petrie will have the tender papers ready by Friday.", "Jo Petrie"),
        ("Nadia reported that she will chase the insurers.", "Nadia"),
        ("Treasurer to ring Bro. T Ode about the banner.", "Treasurer"),
        ("Dee would continue to update the rota and report back.", "Dee"),
        ("Members were urged to write to the council about the closure.", "Members"),
        ("The board will write to all residents about the dues.", "The board"),
        ("The bid will go in again (Priya promised to send the insurer's details).", "Priya"),
        ("The banners are stored (Dev will collect them before the fete).", "Dev"),
        ("AI: Jo Marsh to book the hall for the open day.", "Jo Marsh"),
        ("The link is on the website (Clerk to send it to the tenants).", "Clerk"),
    ],
)
def test_a_task_is_found_with_its_owner(sentence, owner):
    assert [o for _, o in found(sentence)] == [owner]


@pytest.mark.parametrize(
    "sentence",
    [
        "The revised leaflet will be sent out to households next month.",
        "The old notices on the board need to be replaced.",
        "A new caretaker is being sought.",
        "Members asked whether a site visit could be arranged before the hearing.",
        "The treasurer requested the bank mandate to be updated.",
    ],
)
def test_a_task_written_in_the_passive_is_a_task_without_an_owner(sentence):
    assert [o for _, o in found(sentence)] == [None]


@pytest.mark.parametrize(
    "sentence",
    [
        "Consideration of the hedge policy to be deferred to the October meeting.",
        "The car park charges. Continued to 14 May 2024.",
    ],
)
def test_business_put_off_to_a_named_time_is_a_follow_up(sentence):
    assert len(found(sentence)) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "All repairs were to be carried out by the county.",
        "A ticked box: - [x] @mira tidy the issue tracker",
        "It was suggested that the work could be shared by the Street Action Teams.",
        "The Clerk to the Council read the letter aloud.",
        "How to publish the survey results.",
        "What should be sent to the auditors?",
        "If you forget your badge, one will be provided at the door.",
        "Members will have the chance to comment on the plans.",
        "Jo will have to leave early next time.",
        "The Board heard that the HALO (Help to Avoid Loan Offers) course trains the trainers.",
    ],
)
def test_what_reads_like_a_task_but_is_not_one(sentence):
    assert found(sentence) == []


def test_starred_tasks_after_a_minute_are_tasks_of_their_own():
    tasks = found(
        "The quote for the fence was accepted by all. *Clerk to order the panels. *Cllr Ray to tell the school."
    )
    assert [owner for _, owner in tasks] == ["Clerk", "Cllr Ray"]


def test_initials_asked_to_act_by_the_doer_stay_in_the_doer_s_task():
    assert found("Clerk to ask GLS to cut the verge before the show.") == [
        ("Clerk to ask GLS to cut the verge before the show.", "Clerk")
    ]


def test_initials_the_doer_reaches_out_to_stay_in_the_doer_s_task():
    assert found("KM to reach out to JW to plan the fair.") == [("KM to reach out to JW to plan the fair.", "KM")]


def test_a_task_that_points_back_is_shown_with_what_it_is_about():
    (task,) = found("The bus shelter glass is cracked again. RT to see to it.")
    assert task == ("The bus shelter glass is cracked again. RT to see to it.", "RT")


def test_initials_and_the_word_action_after_a_task_own_it():
    (task,) = found("The broken gate was reported. PK will chase the contractor. PK Action.")
    assert task == ("PK will chase the contractor. PK Action.", "PK")


def test_a_marked_task_without_a_named_owner_is_still_a_task():
    assert [o for _, o in found("TODO: Help remove the old machine from the workshop.")] == [None]


def test_initials_in_an_action_column_own_the_task_beside_them():
    (column,) = found("A handbook is to be sent to the Commissioner. KV")
    assert column[1] == "KV"


def test_the_time_a_meeting_closed_is_no_task_and_its_pm_no_one_s_initials():
    assert found("The motion was carried. Meeting closed at 8.20 PM") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Chairman offered to hold an emergency meeting of the Board if necessary.",
        "Charnwood Borough Council offered to provide any assistance they could.",
        "The meeting will start at 7pm.",
        "The Council noted the report.",
        "RESOLVED to approve the accounts.",
        "Plan to review the budget next year.",
        "The minutes were accepted as correct.",
    ],
)
def test_what_owes_the_board_nothing_is_no_task(sentence):
    assert found(sentence) == []


def test_every_entry_of_an_actions_list_is_a_task():
    listed = extract(
        ItemText(1, 1, DAY, "Start fundraising from members.\nHone in on the exact specs we want.", (), "Action items")
    )
    assert len(listed) == 2


def test_an_action_log_under_review_is_not_read_as_a_list_of_new_tasks():
    reviewed = "The Board considered the Action Log, a copy of which is filed with these minutes."
    assert extract(ItemText(1, 1, DAY, reviewed, (), "Action Log")) == []


def test_a_member_s_report_under_their_name_owns_what_it_says_they_will_do():
    report = "- Hacking workshop went well.\n- Will post the video to the website soon\n- Going to bring in boxes"
    found = [(f.text, f.owner_raw) for f in extract(ItemText(1, 1, DAY, report, title="Katie"))]
    assert found == [
        ("Will post the video to the website soon", "Katie"),
        ("Going to bring in boxes", "Katie"),
    ]


def test_a_task_inside_a_resolution_that_asks_nothing_as_a_whole_is_found():
    resolved = "The councillors resolved to hold the service on the green. The Clerk will design some posters."
    item = ItemText(1, 1, DAY, resolved, resolutions=((None, resolved),))
    assert [(f.text, f.owner_raw) for f in extract(item)] == [("The Clerk will design some posters.", "The Clerk")]


def test_entries_behind_any_list_mark_are_tasks_of_their_own():
    item = "● Quiz night\n○ Action TK: Book the upstairs room\n■ The room holds forty\n○ Action RL: Write the questions"
    assert found(item) == [("Action TK: Book the upstairs room", "TK"), ("Action RL: Write the questions", "RL")]


def test_every_entry_of_an_action_list_is_a_task():
    tasks = extract(ItemText(1, 1, DAY, "Tidy the store room\nRenew the hall insurance", title="Action List"))
    assert [t.text for t in tasks] == ["Tidy the store room", "Renew the hall insurance"]


def test_who_an_action_list_names_before_each_entry_owes_it():
    listed = "Ola Reyes: Write the procedures\nKM: Email the venue about the date\nALL – Read the draft rules"
    tasks = extract(ItemText(1, 1, DAY, listed, title="Actions"))
    assert [t.owner_raw for t in tasks] == ["Ola Reyes", "KM", "ALL"]


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Action (Priya): book the coach for the summer outing.", "Priya"),
        ("Action: posters to go up in the library before the fete.", None),
        ("KL/MR to draft a leaflet about the new recycling bins.", "KL/MR"),
        ("After the surveyor's visit, she will order the replacement gutters.", None),
        ("We will return to the hedge-laying plan next spring.", None),
        ("A reminder will be mailed to every plot holder.", None),
        ("A traffic count will be commissioned for the high street.", None),
    ],
)
def test_more_ways_minutes_write_a_task_and_its_owner(sentence, owner):
    assert found(sentence) == [(sentence, owner)]


def test_two_peoples_tasks_in_one_sentence_are_two_follow_ups():
    owners = [owner for _, owner in found("Jo Baker will send the draft; Sam Hill will book the hall.")]
    assert owners == ["Jo Baker", "Sam Hill"]
    owners = [owner for _, owner in found("Jo will hand the keys to Ann, while Sam will order a spare set.")]
    assert owners == ["Jo", "Sam"]


def test_a_marker_that_records_no_action_is_no_follow_up():
    assert found("Actions: none were agreed under this item.") == []


def test_an_action_marker_naming_only_who_and_when_owns_the_task_before_it():
    (task,) = found("The minutes were accepted. Put the new rota on the noticeboard. Action: Jo Bell by 3 Nov")
    assert task == ("Put the new rota on the noticeboard. Action: Jo Bell by 3 Nov", "Jo Bell")


def test_an_action_marker_naming_a_status_owns_nothing():
    assert found("The hedge was cut in May. Action: Done") == []


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("Both planning items were deferred to a later meeting.", "a later meeting"),
        ("The treasurer's report was put over to the April meeting.", "April 2024 meeting"),
    ],
)
def test_business_put_off_to_a_later_meeting_is_owed_to_it(sentence, due):
    (task,) = extract(ItemText(1, 1, DAY, sentence))
    assert (task.owner_raw, task.due.text) == (None, due)


def test_whoever_a_request_names_in_the_subjunctive_owes_it():
    assert [o for _, o in found("Priya requested that Tom send her the draft timetable.")] == ["Tom"]


def test_a_suggestion_of_what_could_be_done_is_no_task():
    assert found("It was suggested that a guided walk could be arranged for the volunteers.") == []


def test_a_question_under_a_speakers_name_is_no_task():
    item = ItemText(1, 1, DAY, "Will the bus shelter be moved before the winter?", title="Jo Bell")
    assert extract(item) == []


def test_a_named_person_who_would_do_a_task_owes_it():
    assert [o for _, o in found("Cllr Lee would write to the owner of the hedge.")] == ["Cllr Lee"]


def test_what_a_person_would_prefer_is_no_task():
    assert found("Jo would prefer to wait until the spring.") == []


def test_whoever_is_reminded_to_act_owes_it():
    assert [o for _, o in found("The Chair reminded the Treasurer to submit the returns.")] == ["the Treasurer"]


def test_whoever_is_encouraged_to_act_owes_it():
    assert [o for _, o in found("The Chair encouraged Ola Reyes to apply for the grant.")] == ["Ola Reyes"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Painting the railings to be deferred until next summer.",
        "New signs are to be put up by the car park.",
        "The leak in the hall roof will have to be investigated.",
    ],
)
def test_what_is_still_to_be_done_is_a_task_without_a_named_owner(sentence):
    assert [o for _, o in found(sentence)] == [None]


def test_what_would_have_to_be_done_if_something_else_happened_is_no_task():
    assert found("The cost would have to be checked again if the grant fell through.") == []


def test_a_decision_names_who_acts_in_a_later_sentence():
    decision = "That a report on the hall lights be brought to the next meeting. Clerk to draft it by May."
    (task,) = extract(ItemText(1, 1, DAY, "", resolutions=((None, decision),)))
    assert task.owner_raw == "Clerk"


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("The new lease is being considered, Priya checking the terms.", "Priya"),
        ("The hedge survey will be carried out by Cllr Okafor.", "Cllr Okafor"),
        ("Clerk also asked to write to the allotment holders about the new fees.", "Clerk"),
    ],
)
def test_notes_style_and_passive_tasks_name_their_doer(sentence, owner):
    assert [o for _, o in found(sentence)] == [owner]


def test_a_doer_named_with_an_aside_before_agreeing_owes_the_task():
    decision = "That Councillor Amara Obi has kindly agreed to look after the keys to the pavilion."
    (task,) = extract(ItemText(1, 1, DAY, "", resolutions=((None, decision),)))
    assert task.owner_raw == "Councillor Amara Obi"


def test_business_carried_to_a_later_meeting_is_owed_to_it():
    (task,) = extract(ItemText(1, 1, DAY, "The venue for the summer fair will be decided at the next meeting."))
    assert task.owner_raw is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The hall hire was confirmed and a fee of twenty pounds was proposed and agreed.",
        "The report was discussed at the meeting.",
        "The potholes are unlikely to be repaired by the county this year.",
        "Will we pay for the coach? ii.",
    ],
)
def test_what_names_no_doer_of_a_task_to_come_is_no_task(sentence):
    assert found(sentence) == []


def test_a_handle_before_a_colon_owns_the_task_after_it():
    assert [o for _, o in found("- @sam: will review the release notes before Friday")] == ["@sam"]


def test_a_next_step_is_a_task():
    assert [o for _, o in found("Next step: refine the nomination form")] == [None]


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [("[Action @ola] create a working group for the fair", "@ola"), ("[Action: Sam Lee] book the hall", "Sam Lee")],
)
def test_whoever_a_bracketed_action_marker_names_owes_the_task(sentence, owner):
    assert [o for _, o in found(sentence)] == [owner]


@pytest.mark.parametrize(
    "sentence",
    [
        "The item was tabled until the next meeting.",
        "The report was postponed until a later board meeting.",
        "The motion was tabled for two weeks.",
        "The item was tabled and will be taken up at the next meeting.",
    ],
)
def test_business_tabled_or_put_off_to_a_later_meeting_is_owed_to_it(sentence):
    assert len(found(sentence)) == 1


def test_a_bracketed_action_marker_after_a_task_owns_it():
    assert found("Post the news on the website as well. [Action @ola].") == [
        ("Post the news on the website as well. [Action @ola].", "@ola")
    ]


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [("Ola is planning to book the hall for June.", "Ola"), ("Kit Moss planning to draft the newsletter.", "Kit Moss")],
)
def test_whoever_is_planning_to_act_owes_it(sentence, owner):
    assert [o for _, o in found(sentence)] == [owner]


def test_a_promise_in_the_first_person_is_owed_by_whoever_the_item_names_as_presenting_it():
    said = "Thanks for the comments so far. I will send the revised rules round next week."
    titled = extract(ItemText(1, 1, DAY, said, title="Chat rules [Ola Reyes]"))
    lined = extract(ItemText(1, 1, DAY, f"Presenter: Sam Lee.\n{said}", title="Chat rules"))
    unnamed = extract(ItemText(1, 1, DAY, said, title="Chat rules"))

    assert [f.owner_raw for f in titled] == ["Ola Reyes"]
    assert [f.owner_raw for f in lined] == ["Sam Lee"]
    assert [f.owner_raw for f in unnamed] == [None]


def test_a_first_person_refusal_or_pleasantry_is_no_task():
    assert found("I will not support the motion.") == []
    assert found("I will be happy to take questions.") == []


def test_a_bracketed_marker_owns_the_list_entry_it_closes_not_an_earlier_promise():
    text = "I will send the rules round.\n- Post the news on the website as well. [Action @ola]."
    assert [(t[:20], o) for t, o in found(text)][-1] == ("Post the news on the", "@ola")


def test_a_marked_task_run_on_after_another_s_words_is_a_task_of_its_own():
    text = "- Sam: someone should lead this; [Action @sam] set up a working group. Volunteers: Kit."
    assert ("[Action @sam] set up a working group.", "@sam") in found(text)


def test_a_marked_task_that_ends_on_a_question_is_still_a_task():
    text = "[Action @jo]: circulate the draft rules to members: do any parts need changing?"
    assert [o for _, o in found(text)] == ["@jo"]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was AGREED to invite a speaker from the bus company in the spring.",
        "It was agreed an electrician should check the hall lights.",
        "Agreed to delay the grants review until next meeting.",
        "The audit item to be heard at next meeting.",
        "It was AGREED that a card be sent to the retiring caretaker.",
        "It was also agreed that we seek to meet the new head teacher.",
        "The meeting AGREED we should ask the county for a crossing survey.",
    ],
)
def test_what_the_board_agreed_to_go_and_do_or_put_off_is_a_task_though_no_one_is_named(sentence):
    assert [owner for _, owner in found(sentence)] == [None]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was agreed to transfer the surplus to reserves.",
        "The Board agreed to adopt the policy.",
        "The Board will meet again on 5 May.",
        "The Council will continue to support the scheme.",
        "The owner had agreed that a light could be fixed to the wall.",
        "It was agreed that the accounts be adopted.",
    ],
)
def test_what_the_board_agreed_to_in_the_room_is_no_task(sentence):
    assert found(sentence) == []


def test_a_decision_to_go_and_do_something_owes_it_to_no_one_the_sentence_before_names():
    found = minuted_follow_ups(
        "Minutes of the meeting held on 4 March 2024\n\n1. Village shop\nThe shop will close in June.\n"
        "AGREED to invite the new owners in the spring.\n"
    )
    assert [f.owner_raw for f in found] == [None]


def test_a_resolution_asking_two_people_for_two_things_gives_each_their_task():
    found = minuted_follow_ups(
        "Minutes of the meeting held on 4 March 2024\n\n1. Bins\n"
        "RESOLVED that the Clerk order two new bins and that Cllr Lee ask the school about the litter pick.\n"
    )
    owners = [f.owner_raw for f in found]
    assert owners == ["the Clerk", "Cllr Lee"]


def test_initials_standing_after_a_decision_name_who_owes_it():
    found = minuted_follow_ups(
        "Minutes of the meeting held on 4 March 2024\n\n1. Planning\n"
        "• Six flats are planned on the old depot site. It was agreed to invite the developer to the next "
        "meeting to explain the plans. RK\n• The hedge was noted.\n"
    )
    assert [f.owner_raw for f in found if "developer" in f.text] == ["RK"]


def test_a_decision_minuted_over_several_sentences_gives_each_task_its_own_owner():
    decided = (
        "It was decided to hold the quiz in the spring. Everyone agreed. Priya agreed to book the hall for it. "
        "Tom and Ann will look for a quizmaster."
    )
    item = ItemText(1, 1, DAY, decided, resolutions=((None, decided),))
    assert [(f.text, f.owner_raw) for f in extract(item)] == [
        ("Priya agreed to book the hall for it.", "Priya"),
        ("Tom and Ann will look for a quizmaster.", "Tom and Ann"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Approved to buy a new projector.",
        "On a show of hands VOTED to close the session.",
        "Continuing to recruit new volunteers.",
    ],
)
def test_an_outcome_written_first_owns_nothing(sentence):
    assert [owner for _, owner in found(sentence)] in ([], [None])


@pytest.mark.parametrize(
    ("resolution", "owner"),
    [
        ("That the Board authorise the Estates Officer to obtain a survey of the roof.", "the Estates Officer"),
        ("That the Board ask the Audit Panel to look at the reserves policy.", "the Audit Panel"),
        (
            "That the Board refer the application to the Highways Group for its comments.",
            "the Highways Group",
        ),
    ],
)
def test_whoever_a_board_authorizes_asks_or_refers_business_to_owes_it(resolution, owner):
    item = ItemText(1, 1, DAY, "", resolutions=((None, resolution),))
    assert [f.owner_raw for f in extract(item)] == [owner]


def test_an_order_minuted_in_capitals_is_read_as_the_board_s_decision():
    minute = (
        "On a motion of Member Ames, seconded by Member Bell, it was ORDERED that the Board ask the Secretary to "
        "publish the notice."
    )
    (meeting,) = parse_text(
        f"Minutes of the Trust Board, 4 March 2024\n\nItem 12. Notice\n\n{minute}\n", "m.txt"
    ).meetings
    assert [r.text for r in meeting.items[0].resolutions] == ["That the Board ask the Secretary to publish the notice."]


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Members requested a short list of the grants the hall could apply for.", None),
        ("The Board requested a written note of the repair costs from Cllr Ames.", "Cllr Ames"),
    ],
)
def test_what_a_board_requests_is_owed_by_whoever_it_is_requested_from(sentence, owner):
    assert found(sentence) == [(sentence, owner)]


def test_a_discussion_carried_on_to_the_next_meeting_is_owed_to_it():
    sentence = "No view was reached on the fees, and debate is to resume at a later meeting."
    assert found(sentence) == [(sentence, None)]
