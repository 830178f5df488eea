package main_test

import rego.v1

import data.main

address := "data.alicloudmessagecontacts_verifications.pending"

# A plan whose data source read `targets` at plan time (one verification each), with `extra` values.
plan_with(targets, extra) := {"prior_state": {"values": {"root_module": {"resources": [{
	"address": address,
	"mode": "data",
	"type": "alicloudmessagecontacts_verifications",
	"values": object.union(
		{
			"total_count": count(targets),
			"targets": sort(targets),
			"verifications": [{"contact_id": "c-1", "target": t} | some t in targets],
		},
		extra,
	),
	"sensitive_values": object.get(extra, "sensitive_values", {}),
}]}}}}

deferred_plan := {"resource_changes": [{
	"address": address,
	"mode": "data",
	"type": "alicloudmessagecontacts_verifications",
	"change": {"actions": ["read"], "after": {}},
}]}

messages(verdicts) := {v.msg | some v in verdicts}

test_no_verification_passes if {
	main.deny == set() with input as plan_with([], {})
	main.warn == set() with input as plan_with([], {})
}

test_pending_verifications_deny_naming_three_targets if {
	main.deny == {{
		"msg": "data.alicloudmessagecontacts_verifications.pending: 5 pending message contact verifications: +852-6123****, 138****0000, 852-6124**** and 2 more. Have each contact confirm the verification sent to them, or remove the contact.",
		"policy": "no-pending-message-contact-verifications",
		"resource": address,
	}} with input as plan_with(["a***@example.org", "138****0000", "+852-6123****", "b***@example.com", "852-6124****"], {})
	main.warn == set() with input as plan_with(["a***@example.org"], {})
}

test_one_pending_verification_of_one_contact if {
	messages(main.deny) == {"data.alicloudmessagecontacts_verifications.pending (contact c-1): 1 pending message contact verification: a***@example.org. Have each contact confirm the verification sent to them, or remove the contact."} with input as plan_with(["a***@example.org"], {"contact_id": "c-1"})
}

test_a_count_without_targets if {
	messages(main.deny) == {"data.alicloudmessagecontacts_verifications.pending: 4 pending message contact verifications. Have each contact confirm the verification sent to them, or remove the contact."} with input as plan_with([], {"total_count": 4})
}

test_disallowed_targets_deny_with_the_reasons if {
	settings := {"allowedEmailDomains": ["example.com"], "allowedPhoneCountryCodes": ["86"]}
	verdicts := main.deny with input as plan_with(["a***@example.org", "138****0000", "+852-6123****", "b***@example.com", "852-6124****"], {})
		with data.message_contacts as settings
	{[v.policy, v.msg] | some v in verdicts; v.policy == "message-contact-verification-targets-allowed"} == {[
		"message-contact-verification-targets-allowed",
		"data.alicloudmessagecontacts_verifications.pending: 3 of 5 verification targets outside the allowed lists: +852-6123**** (phone country code 852 is not allowed), 852-6124**** (phone country code 852 is not allowed), a***@example.org (email domain example.org is not allowed). Allowed email domains: example.com; allowed phone country codes: 86.",
	]}
}

test_allowed_masked_targets_pass_the_targets_rule if {
	settings := {"allowedEmailDomains": ["*.example.com"], "allowedPhoneCountryCodes": ["86", "852"]}
	verdicts := main.deny with input as plan_with(["x***@mail.example.com", "138****0000", "+852 6123****", "+8613800000000"], {})
		with data.message_contacts as settings
	{v.policy | some v in verdicts} == {"no-pending-message-contact-verifications"}
}

test_more_than_five_disallowed_targets_are_counted if {
	targets := [sprintf("u%d***@example.net", [i]) | some i in numbers.range(1, 7)]
	verdicts := main.deny with input as plan_with(targets, {}) with data.message_contacts as {"allowedEmailDomains": ["example.com"]}
	some v in verdicts
	v.policy == "message-contact-verification-targets-allowed"
	endswith(v.msg, "u5***@example.net (email domain example.net is not allowed) and 2 more. Allowed email domains: example.com.")
}

test_secret_targets_are_counted_never_shown if {
	settings := {"allowedEmailDomains": ["example.com"], "allowedPhoneCountryCodes": ["86"]}
	secret := {"sensitive_values": {"targets": true}}
	messages(main.deny) == {
		"data.alicloudmessagecontacts_verifications.pending: 3 pending message contact verifications (targets not shown: they are secret). Have each contact confirm the verification sent to them, or remove the contact.",
		"data.alicloudmessagecontacts_verifications.pending: 3 of 3 verification targets outside the allowed lists (1 email address, 1 phone number, 1 unrecognized; targets not shown: they are secret). Allowed email domains: example.com; allowed phone country codes: 86.",
	} with input as plan_with(["a***@example.org", "+852-6123****", "hello"], secret)
		with data.message_contacts as settings
}

test_a_deferred_read_denies if {
	main.deny == {{
		"msg": "data.alicloudmessagecontacts_verifications.pending: the listing is not known yet (an argument is known only later, from another resource), so no policy can check it before it is read. Make the argument known when planning, or set allowDeferredReads to let it through with a warning.",
		"policy": "message-contact-verification-listing-known",
		"resource": address,
	}} with input as deferred_plan
	main.warn == set() with input as deferred_plan
}

test_a_deferred_read_only_warns_when_allowed if {
	main.deny == set() with input as deferred_plan with data.message_contacts as {"allowDeferredReads": true}
	messages(main.warn) == {"data.alicloudmessagecontacts_verifications.pending: the listing is not known yet (an argument is known only later, from another resource), so no policy can check it before it is read. allowDeferredReads lets it through."} with input as deferred_plan
		with data.message_contacts as {"allowDeferredReads": true}
}

test_a_wrong_setting_denies_naming_it if {
	main.deny == {{
		"msg": `data.message_contacts: allowedPhoneCountryCodes[0]: "China" is not a country code; accepted: 1 to 4 digits not starting with 0, optionally after "+", such as "86" or "+852"`,
		"policy": "settings",
		"resource": "data.message_contacts",
	}} with input as plan_with([], {}) with data.message_contacts as {"allowedPhoneCountryCodes": ["China"]}
	count(main.config_errors) == 1 with data.message_contacts as {"allowedPhoneCountryCodes": ["China"]}
}

test_targets_from_outside_are_shown_printable_and_cut if {
	long := concat("", ["x" | some _ in numbers.range(1, 150)])
	messages(main.deny) == {concat("", [
		"data.alicloudmessagecontacts_verifications.pending: 2 pending message contact verifications: a?[31m@example.com, ",
		substring(long, 0, 100),
		" (cut from 150 characters). Have each contact confirm the verification sent to them, or remove the contact.",
	])} with input as plan_with(["a\u001b[31m@example.com", long], {})
}

test_why_a_rule_has_nothing_to_check if {
	main.not_applicable == {
		"no-pending-message-contact-verifications": "no message contact verifications listing (data source alicloudmessagecontacts_verifications, resource MessageContactVerifications) in the plan or stack",
		"message-contact-verification-targets-allowed": "no message contact verifications listing (data source alicloudmessagecontacts_verifications, resource MessageContactVerifications) in the plan or stack",
		"message-contact-verification-listing-known": "no message contact verifications listing (data source alicloudmessagecontacts_verifications, resource MessageContactVerifications) in the plan or stack",
	} with input as {}
	main.not_applicable == {"message-contact-verification-targets-allowed": "no allowedEmailDomains or allowedPhoneCountryCodes configured"} with input as plan_with(["a"], {})
	main.not_applicable == {
		"no-pending-message-contact-verifications": "no listing is read yet (an argument is not known when planning): it is checked once it is read",
		"message-contact-verification-targets-allowed": "no listing is read yet (an argument is not known when planning): it is checked once it is read",
	} with input as deferred_plan with data.message_contacts as {"allowedEmailDomains": ["example.com"]}
}

test_every_rule_is_described_with_its_settings if {
	every policy in main.policies {
		count(policy.description) > 0
		policy.severity in {"low", "medium", "high", "critical"}
		count(policy.remediation) > 0
		every setting in policy.settings {
			main.settings[setting]
		}
	}
	{s | some p in main.policies; some s in p.settings} == {s | some s, _ in main.settings}
	used := {v.policy | some v in main.deny} with input as plan_with(["a"], {}) with data.message_contacts as {"allowedEmailDomains": ["x"]}
	used == {"no-pending-message-contact-verifications", "message-contact-verification-targets-allowed"}
}
