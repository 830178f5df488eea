# What a masked verification target is, and whether the configured allow lists admit it.
#
# The service masks targets (`someone***@example.com`, `138****0000`), but the domain after the last `@` and a phone
# number's country code stay intact. Phone numbers come as `138****0000` (no country code: `defaultPhoneCountryCode`),
# `852-6123****`, `+852-6123****`, `+852 6123****`, or `+8613800000000` (where the country code ends is not marked:
# the allowed codes are matched as prefixes, which is unambiguous since country codes are prefix-free, E.164).
#
# The configuration is `data.message_contacts` (see config.rego); `rules` is that configuration normalized: domains
# lower-case without `@` or a final dot, country codes without `+`.
package lib.message_contacts.targets

import rego.v1

import data.lib.message_contacts.config
import data.lib.message_contacts.text

# The allow lists and the default country code, normalized; a wrong entry is left out (config.errors names it).
rules := {
	"allowedEmailDomains": {config.normalize_domain(d) | some d in config.string_list("allowedEmailDomains"); config.valid_domain(d)},
	"allowedPhoneCountryCodes": {trim_prefix(trim_space(c), "+") | some c in config.string_list("allowedPhoneCountryCodes"); config.valid_country_code(c)},
	"defaultPhoneCountryCode": trim_prefix(trim_space(config.value("defaultPhoneCountryCode")), "+"),
}

# Whether email targets, phone targets, or any, are restricted: an empty or absent list leaves that kind free.
restricts_email if count(rules.allowedEmailDomains) > 0

restricts_phone if count(rules.allowedPhoneCountryCodes) > 0

restricts if restricts_email

restricts if restricts_phone

# Digits and the service's mask characters, in groups separated by one space or hyphen.
masked_number := `^[0-9*]+(?:[ -][0-9*]+)*$`

# A country code, then a space or hyphen, then a masked number: `852-6123****`, `+852 6123****`.
separated_number := `^\+?([1-9][0-9]{0,3})[ -](.+)$`

# What a target is: {"kind": "email", "domain": ...}, {"kind": "phone", "code": ..., "code_from": "target" |
# "default"}, {"kind": "phone", "digits": ..., "code_from": "unseparated"}, or {"kind": "unrecognized"}.
classify(target) := result if {
	text := trim_space(target)
	result := _classify(text)
}

_classify(text) := {"kind": "email", "domain": domain} if {
	contains(text, "@")
	parts := split(text, "@")
	domain := trim_suffix(lower(parts[count(parts) - 1]), ".")
	domain != ""
	not regex.match(`[\s@]`, domain)
} else := {"kind": "unrecognized"} if {
	contains(text, "@")
} else := {"kind": "phone", "code": match[1], "code_from": "target"} if {
	some match in regex.find_all_string_submatch_n(separated_number, text, 1)
	regex.match(masked_number, match[2])
	regex.match(`[0-9]`, match[2])
} else := {"kind": "phone", "digits": match[1], "code_from": "unseparated"} if {
	some match in regex.find_all_string_submatch_n(`^\+([1-9][0-9*]*)$`, text, 1)
} else := {"kind": "phone", "code": rules.defaultPhoneCountryCode, "code_from": "default"} if {
	not startswith(text, "+")
	regex.match(masked_number, text)
	regex.match(`[0-9]`, text)
} else := {"kind": "unrecognized"}

# Whether a (lower-case) domain is allowed: equal to an entry, or a subdomain of a `*.` entry.
domain_allowed(domain) if domain in rules.allowedEmailDomains

domain_allowed(domain) if {
	some entry in rules.allowedEmailDomains
	startswith(entry, "*.")
	endswith(domain, substring(entry, 1, -1))
	count(domain) > count(entry) - 1
}

# Whether a phone target's country code is allowed.
phone_allowed(phone) if phone.code in rules.allowedPhoneCountryCodes

phone_allowed(phone) if {
	phone.code_from == "unseparated"
	some code in rules.allowedPhoneCountryCodes
	startswith(phone.digits, code)
}

# Why a target is outside the allow lists: {"kind": ..., "reason": ...}; undefined when it is allowed.
disallowed(target) := {"kind": "email", "reason": sprintf("email domain %s is not allowed", [text.shown(class.domain)])} if {
	class := classify(target)
	class.kind == "email"
	restricts_email
	not domain_allowed(class.domain)
}

disallowed(target) := {"kind": "phone", "reason": phone_reason(class)} if {
	class := classify(target)
	class.kind == "phone"
	restricts_phone
	not phone_allowed(class)
}

disallowed(target) := {"kind": "unrecognized", "reason": "not recognized as an email address or a phone number"} if {
	classify(target).kind == "unrecognized"
	restricts
}

phone_reason(class) := "its country code is none of the allowed ones" if {
	class.code_from == "unseparated"
} else := sprintf("phone country code %s (the default for numbers without one) is not allowed", [class.code]) if {
	class.code_from == "default"
} else := sprintf("phone country code %s is not allowed", [class.code])

# The allow lists, as messages name them: "allowed email domains: a, b; allowed phone country codes: 86".
described_rules := concat("; ", [part |
	some [name, list] in [
		["allowed email domains", rules.allowedEmailDomains],
		["allowed phone country codes", rules.allowedPhoneCountryCodes],
	]
	count(list) > 0
	part := sprintf("%s: %s", [name, concat(", ", sort(list))])
])
