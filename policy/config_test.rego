package lib.message_contacts.config_test

import rego.v1

import data.lib.message_contacts.config

test_no_settings_means_the_defaults if {
	config.errors == set()
	config.value("allowedEmailDomains") == []
	config.value("defaultPhoneCountryCode") == "86"
	config.value("allowDeferredReads") == false
}

test_null_means_the_default if {
	config.value("defaultPhoneCountryCode") == "86" with data.message_contacts as {"defaultPhoneCountryCode": null}
	config.errors == set() with data.message_contacts as {"defaultPhoneCountryCode": null}
}

test_good_settings_have_no_error if {
	config.errors == set() with data.message_contacts as {
		"allowedEmailDomains": ["example.com", "*.example.com", " @Example.org. "],
		"allowedPhoneCountryCodes": ["86", "+852", " 1 "],
		"defaultPhoneCountryCode": "+852",
		"allowDeferredReads": true,
	}
}

test_settings_that_are_not_an_object if {
	config.errors == {"must be an object with the settings allowDeferredReads, allowedEmailDomains, allowedPhoneCountryCodes, defaultPhoneCountryCode, not a array"} with data.message_contacts as []
}

test_an_unknown_setting_is_named_with_the_settings if {
	config.errors == {"allowedEmailDomain is not a setting: the settings are allowDeferredReads, allowedEmailDomains, allowedPhoneCountryCodes, defaultPhoneCountryCode"} with data.message_contacts as {"allowedEmailDomain": ["example.com"]}
}

test_lists_that_are_not_lists if {
	config.errors == {
		"allowedEmailDomains must be a list of strings, not a string",
		"allowedPhoneCountryCodes must be a list of strings, not a number",
	} with data.message_contacts as {"allowedEmailDomains": "example.com", "allowedPhoneCountryCodes": 86}
	config.string_list("allowedEmailDomains") == [] with data.message_contacts as {"allowedEmailDomains": "example.com"}
}

test_wrong_domains_are_named_by_index if {
	config.errors == {
		`allowedEmailDomains[0]: "*." is not a domain; accepted: a domain such as "example.com", or "*.example.com" for its subdomains`,
		`allowedEmailDomains[2]: "a b.com" is not a domain; accepted: a domain such as "example.com", or "*.example.com" for its subdomains`,
		`allowedEmailDomains[3]: 7 is not a domain; accepted: a domain such as "example.com", or "*.example.com" for its subdomains`,
	} with data.message_contacts as {"allowedEmailDomains": ["*.", "example.com", "a b.com", 7]}
}

test_wrong_country_codes_are_named if {
	config.errors == {
		`allowedPhoneCountryCodes[1]: "China" is not a country code; accepted: 1 to 4 digits not starting with 0, optionally after "+", such as "86" or "+852"`,
		`allowedPhoneCountryCodes[2]: "012" is not a country code; accepted: 1 to 4 digits not starting with 0, optionally after "+", such as "86" or "+852"`,
		`defaultPhoneCountryCode: 86 is not a country code; accepted: 1 to 4 digits not starting with 0, optionally after "+", such as "86" or "+852"`,
	} with data.message_contacts as {"allowedPhoneCountryCodes": ["86", "China", "012"], "defaultPhoneCountryCode": 86}
}

test_allow_deferred_reads_is_a_boolean if {
	config.errors == {`allowDeferredReads: "yes" is not a boolean; accepted: true or false`} with data.message_contacts as {"allowDeferredReads": "yes"}
}

test_every_setting_has_a_schema_with_its_default_and_description if {
	every name, schema in config.properties {
		schema.type in {"array", "string", "boolean"}
		count(schema.description) > 0
		config.value(name) == schema["default"]
	}
}
