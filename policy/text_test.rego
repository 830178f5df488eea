package lib.message_contacts.text_test

import rego.v1

import data.lib.message_contacts.text

test_printable_ascii_is_shown_as_is if {
	text.shown(`someone***@example.com ["x"] <&> \~`) == `someone***@example.com ["x"] <&> \~`
	text.shown("") == ""
}

test_other_characters_become_one_mark_per_run if {
	text.shown("a\u001b[31mb\nc") == "a?[31mb?c"
	text.shown("\r\n\tstart") == "?start"
	text.shown("名字@example.com") == "?@example.com"
}

test_long_text_is_cut_at_100_characters if {
	long := concat("", ["ab" | some _ in numbers.range(1, 60)])
	text.shown(long) == sprintf("%s (cut from 120 characters)", [substring(long, 0, 100)])
	text.shown(concat("", [long, "\n"])) == sprintf("%s (cut from 121 characters)", [substring(long, 0, 100)])
}
