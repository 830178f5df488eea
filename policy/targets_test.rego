package lib.message_contacts.targets_test

import rego.v1

import data.lib.message_contacts.targets

test_email_domain_is_what_follows_the_last_at_lower_case if {
	targets.classify("someone***@Example.COM") == {"kind": "email", "domain": "example.com"}
	targets.classify(" a@b***@mail.example.org. ") == {"kind": "email", "domain": "mail.example.org"}
}

test_an_at_without_a_domain_is_unrecognized if {
	targets.classify("someone***@") == {"kind": "unrecognized"}
	targets.classify("x@exa mple.com") == {"kind": "unrecognized"}
}

test_phone_numbers_with_a_country_code if {
	targets.classify("852-6123****") == {"kind": "phone", "code": "852", "code_from": "target"}
	targets.classify("+852-6123****") == {"kind": "phone", "code": "852", "code_from": "target"}
	targets.classify("+852 6123 ****") == {"kind": "phone", "code": "852", "code_from": "target"}
}

test_phone_numbers_without_a_separator_keep_their_digits if {
	targets.classify("+8613800000000") == {"kind": "phone", "digits": "8613800000000", "code_from": "unseparated"}
}

test_national_numbers_take_the_default_country_code if {
	targets.classify("138****0000") == {"kind": "phone", "code": "86", "code_from": "default"}
	targets.classify("138****0000") == {"kind": "phone", "code": "852", "code_from": "default"} with data.message_contacts as {"defaultPhoneCountryCode": "+852"}
}

test_anything_else_is_unrecognized if {
	every target in ["hello", "+", "852-", "852-abc", "+852-****", "****", "+0123"] {
		targets.classify(target) == {"kind": "unrecognized"}
	}
}

test_nothing_is_restricted_without_allow_lists if {
	not targets.restricts
	not targets.disallowed("someone***@example.net")
	not targets.disallowed("hello")
}

test_email_domains_match_exactly_or_as_subdomains_of_a_star_entry if {
	settings := {"allowedEmailDomains": [" @Example.com. ", "*.corp.example"]}
	targets.domain_allowed("example.com") with data.message_contacts as settings
	targets.domain_allowed("mail.corp.example") with data.message_contacts as settings
	not targets.domain_allowed("corp.example") with data.message_contacts as settings
	not targets.domain_allowed("badcorp.example") with data.message_contacts as settings
	not targets.domain_allowed("mail.example.com") with data.message_contacts as settings
}

test_unseparated_numbers_match_country_codes_as_prefixes if {
	settings := {"allowedPhoneCountryCodes": ["+852"]}
	targets.phone_allowed({"kind": "phone", "digits": "85261234567", "code_from": "unseparated"}) with data.message_contacts as settings
	not targets.phone_allowed({"kind": "phone", "digits": "8613800000000", "code_from": "unseparated"}) with data.message_contacts as settings
}

test_disallowed_targets_say_why if {
	settings := {"allowedEmailDomains": ["example.com"], "allowedPhoneCountryCodes": ["852"]}
	targets.disallowed("a***@example.org") == {"kind": "email", "reason": "email domain example.org is not allowed"} with data.message_contacts as settings
	targets.disallowed("86-138****") == {"kind": "phone", "reason": "phone country code 86 is not allowed"} with data.message_contacts as settings
	targets.disallowed("138****0000") == {
		"kind": "phone",
		"reason": "phone country code 86 (the default for numbers without one) is not allowed",
	} with data.message_contacts as settings
	targets.disallowed("+8613800000000") == {"kind": "phone", "reason": "its country code is none of the allowed ones"} with data.message_contacts as settings
	targets.disallowed("hello") == {"kind": "unrecognized", "reason": "not recognized as an email address or a phone number"} with data.message_contacts as settings
	not targets.disallowed("a***@example.com") with data.message_contacts as settings
	not targets.disallowed("+852 6123****") with data.message_contacts as settings
	targets.disallowed("x@exämple.com\u001b") == {"kind": "email", "reason": "email domain ex?mple.com? is not allowed"} with data.message_contacts as settings
}

test_one_allow_list_leaves_the_other_kind_free if {
	targets.disallowed("x@example.net") with data.message_contacts as {"allowedEmailDomains": ["example.com"]}
	not targets.disallowed("+1-555****") with data.message_contacts as {"allowedEmailDomains": ["example.com"]}
	not targets.disallowed("x@example.net") with data.message_contacts as {"allowedPhoneCountryCodes": ["86"]}
	targets.disallowed("hello").kind == "unrecognized" with data.message_contacts as {"allowedPhoneCountryCodes": ["86"]}
}

test_wrong_entries_are_left_out_of_the_lists if {
	targets.rules.allowedPhoneCountryCodes == {"86"} with data.message_contacts as {"allowedPhoneCountryCodes": ["86", "China", 7]}
	targets.rules.allowedEmailDomains == set() with data.message_contacts as {"allowedEmailDomains": ["*.", ""]}
}

test_the_rules_as_messages_name_them if {
	targets.described_rules == "allowed email domains: *.example.com, example.com; allowed phone country codes: 852, 86" with data.message_contacts as {
		"allowedEmailDomains": ["example.com", "*.example.com"],
		"allowedPhoneCountryCodes": ["86", "+852"],
	}
	targets.described_rules == "allowed phone country codes: 86" with data.message_contacts as {"allowedPhoneCountryCodes": ["86"]}
}
