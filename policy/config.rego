# The policy's settings: `data.message_contacts`, an object of the keys in `properties` (a data file given to
# `opa eval -d` or `conftest --data`, such as policy-config.example.json beside this folder's README), or, in the
# Pulumi policy pack, each policy's config from `--policy-pack-config`. `properties` is the settings' JSON schema,
# which the pack also gives the Pulumi engine; `errors` names every wrong setting, since a data file is checked by
# nothing else.
package lib.message_contacts.config

import rego.v1

# A phone country code: one to four digits, not starting with 0, optionally after `+`.
country_code_pattern := `^\+?[1-9][0-9]{0,3}$`

# Each setting's JSON schema (with its default and what it means).
properties := {
	"allowedEmailDomains": {
		"type": "array",
		"items": {"type": "string", "minLength": 1},
		"default": [],
		"description": "Email domains verification targets may use (example.com, or *.example.com for its subdomains; case-insensitive). Empty: email targets are not restricted.",
	},
	"allowedPhoneCountryCodes": {
		"type": "array",
		"items": {"type": "string", "pattern": country_code_pattern},
		"default": [],
		"description": "Phone country codes verification targets may use (86, 852, +852). Empty: phone targets are not restricted.",
	},
	"defaultPhoneCountryCode": {
		"type": "string",
		"pattern": country_code_pattern,
		"default": "86",
		"description": "Country code of masked phone numbers written without one (138****0000).",
	},
	"allowDeferredReads": {
		"type": "boolean",
		"default": false,
		"description": "Let a listing that is read only later (an argument not known when planning) through with a warning, instead of denying it: no policy can check a listing before it is read.",
	},
}

default settings := {}

settings := data.message_contacts

# A setting's value, or its default when it is absent or null.
value(name) := settings[name] if {
	is_object(settings)
	settings[name] != null
} else := properties[name].default

# A list setting's strings (wrong entries are in `errors`).
string_list(name) := [item | some item in value(name); is_string(item)] if is_array(value(name))

else := []

# What is wrong with the settings, each naming the setting and what it accepts.
errors contains message if {
	not is_object(settings)
	message := sprintf("must be an object with the settings %s, not a %s", [names, type_name(settings)])
}

errors contains message if {
	is_object(settings)
	some name, _ in settings
	not properties[name]
	message := sprintf("%s is not a setting: the settings are %s", [name, names])
}

errors contains message if {
	some name in ["allowedEmailDomains", "allowedPhoneCountryCodes"]
	not is_array(value(name))
	message := sprintf("%s must be a list of strings, not a %s", [name, type_name(value(name))])
}

errors contains message if {
	some i, item in value("allowedEmailDomains")
	not valid_domain(item)
	message := sprintf(
		"allowedEmailDomains[%d]: %s is not a domain; accepted: a domain such as \"example.com\", or \"*.example.com\" for its subdomains",
		[i, json.marshal(item)],
	)
}

errors contains message if {
	some i, item in value("allowedPhoneCountryCodes")
	not valid_country_code(item)
	message := sprintf("allowedPhoneCountryCodes[%d]: %s is not a country code; accepted: %s", [i, json.marshal(item), country_codes_accepted])
}

errors contains message if {
	item := value("defaultPhoneCountryCode")
	not valid_country_code(item)
	message := sprintf("defaultPhoneCountryCode: %s is not a country code; accepted: %s", [json.marshal(item), country_codes_accepted])
}

errors contains message if {
	item := value("allowDeferredReads")
	not is_boolean(item)
	message := sprintf("allowDeferredReads: %s is not a boolean; accepted: true or false", [json.marshal(item)])
}

names := concat(", ", sort([name | some name, _ in properties]))

country_codes_accepted := "1 to 4 digits not starting with 0, optionally after \"+\", such as \"86\" or \"+852\""

# A domain as allow-list entries are compared: trimmed, lower-case, without a leading `@` or a trailing dot.
normalize_domain(domain) := trim_suffix(trim_prefix(lower(trim_space(domain)), "@"), ".")

# A domain, or `*.` and a domain; no space, `@` or other `*`.
valid_domain(item) if {
	is_string(item)
	regex.match(`^(\*\.)?[^\s@*.][^\s@*]*$`, normalize_domain(item))
}

valid_country_code(item) if {
	is_string(item)
	regex.match(country_code_pattern, trim_space(item))
}
