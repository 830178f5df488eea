# Policy on message contact verifications, for a Terraform or OpenTofu plan (`tofu show -json PLAN`, with `opa eval`
# or `conftest test`) and for a Pulumi stack (the policy pack evaluates this policy compiled to WebAssembly), with
# the same verdicts. Laid out as conftest expects: package `main`, `deny` and `warn` rules.
#
# Each verdict is an object: `msg` (what conftest prints), `policy` (the rule it belongs to, a name in `policies`:
# the Pulumi pack reports it under that policy) and `resource` (the Terraform address or Pulumi URN it concerns).
#
# - `no-pending-message-contact-verifications`: pending verifications deny.
# - `message-contact-verification-targets-allowed`: targets outside the allowed email domains or phone country codes
#   deny (when the settings give allow lists).
# - `message-contact-verification-listing-known`: a listing not read yet (a Terraform read deferred to apply, a Pulumi
#   resource whose inputs are not known at preview) cannot be checked by the other two: it denies, unless the setting
#   `allowDeferredReads` lets it through as a warning.
# - A wrong setting denies, naming it (`policy`: "settings").
#
# Settings: `data.message_contacts` (config.rego). Listings of both tools in one shape: listings.rego.
package main

import rego.v1

import data.lib.message_contacts.config
import data.lib.message_contacts.listings
import data.lib.message_contacts.targets
import data.lib.message_contacts.text

no_pending := "no-pending-message-contact-verifications"

targets_allowed := "message-contact-verification-targets-allowed"

listing_known := "message-contact-verification-listing-known"

# The rules, by name: what they check, how severe a violation is, what to do, and which settings they read.
policies := {
	no_pending: {
		"description": "Message contacts have no pending verification.",
		"severity": "low",
		"remediation": "Have each listed contact confirm the verification email or text message (Resource Directory > Message Contacts can resend it), or remove contacts that should not receive messages, then read the listing again.",
		"settings": [],
	},
	targets_allowed: {
		"description": "Message contact verification targets use allowed email domains and phone country codes.",
		"severity": "medium",
		"remediation": "Change or remove the message contacts whose email address or phone number is outside the allowed lists, or extend allowedEmailDomains / allowedPhoneCountryCodes in the settings.",
		"settings": ["allowedEmailDomains", "allowedPhoneCountryCodes", "defaultPhoneCountryCode"],
	},
	listing_known: {
		"description": "Message contact verification listings are read before they are judged: a listing read only later (an argument not known when planning) cannot be checked.",
		"severity": "low",
		"remediation": "Give the listing's arguments values known when planning (not another resource's output), or accept that it is checked only once it is read.",
		"settings": ["allowDeferredReads"],
	},
}

# How many targets a message names.
targets_named := {no_pending: 3, targets_allowed: 5}

deny contains verdict(no_pending, listing, pending_message(listing)) if {
	some listing in listings.listings
	listing.known
	listing.pending_count > 0
}

deny contains verdict(listing_known, listing, deferred_message("Make the argument known when planning, or set allowDeferredReads to let it through with a warning.")) if {
	some listing in listings.listings
	not listing.known
	config.value("allowDeferredReads") != true
}

warn contains verdict(listing_known, listing, deferred_message("allowDeferredReads lets it through.")) if {
	some listing in listings.listings
	not listing.known
	config.value("allowDeferredReads") == true
}

deny contains verdict(targets_allowed, listing, disallowed_message(listing, found)) if {
	some listing in listings.listings
	listing.known
	found := [object.union({"target": target}, why) | some target in listing.targets; why := targets.disallowed(target)]
	count(found) > 0
}

deny contains {"msg": sprintf("data.message_contacts: %s", [error]), "policy": "settings", "resource": "data.message_contacts"} if {
	some error in config.errors
}

# What is wrong with the settings (for the pack, which reports them as its own configuration errors).
config_errors := config.errors

# The settings' JSON schema, by setting (for the pack, which gives each policy the schema of its settings).
settings := config.properties

# Why a rule has nothing to check, by rule.
not_applicable[name] := reason if {
	some name, _ in policies
	reason := why_not_applicable(name)
}

why_not_applicable(name) := "no message contact verifications listing (data source alicloudmessagecontacts_verifications, resource MessageContactVerifications) in the plan or stack" if {
	count(listings.listings) == 0
} else := "no allowedEmailDomains or allowedPhoneCountryCodes configured" if {
	name == targets_allowed
	not targets.restricts
} else := "no listing is read yet (an argument is not known when planning): it is checked once it is read" if {
	name != listing_known
	every listing in listings.listings {
		not listing.known
	}
}

# -------------------------------------------------------------------------------------------------------------------
# Messages
# -------------------------------------------------------------------------------------------------------------------

verdict(policy, listing, finding) := {"msg": sprintf("%s: %s", [label(listing), finding]), "policy": policy, "resource": listing.resource}

# The resource, and the contact its listing is filtered to, if any.
label(listing) := sprintf("%s (contact %s)", [listing.name, text.shown(listing.contact_id)]) if {
	listing.contact_id != ""
} else := listing.name

pending_message(listing) := sprintf("%s%s. Have each contact confirm the verification sent to them, or remove the contact.", [
	plural(listing.pending_count, "pending message contact verification", "pending message contact verifications"),
	targets_shown(listing),
])

deferred_message(advice) := sprintf("the listing is not known yet (an argument is known only later, from another resource), so no policy can check it before it is read. %s", [advice])

disallowed_message(listing, found) := sprintf("%d of %s outside the allowed lists%s. %s.", [
	count(found),
	plural(count(listing.targets), "verification target", "verification targets"),
	disallowed_shown(listing, found),
	capitalized(targets.described_rules),
])

targets_shown(listing) := " (targets not shown: they are secret)" if {
	listing.targets_secret
} else := "" if {
	count(listing.targets) == 0
} else := sprintf(": %s", [name_some([text.shown(t) | some t in listing.targets], targets_named[no_pending])])

disallowed_shown(listing, found) := sprintf(" (%s; targets not shown: they are secret)", [concat(", ", [part |
	some [kind, singular, plural_form] in [
		["email", "email address", "email addresses"],
		["phone", "phone number", "phone numbers"],
		["unrecognized", "unrecognized", "unrecognized"],
	]
	n := count([f | some f in found; f.kind == kind])
	n > 0
	part := plural(n, singular, plural_form)
])]) if {
	listing.targets_secret
} else := sprintf(": %s", [name_some([sprintf("%s (%s)", [text.shown(f.target), f.reason]) | some f in found], targets_named[targets_allowed])])

# `a, b, c and 4 more`.
name_some(items, limit) := concat(", ", items) if {
	count(items) <= limit
} else := sprintf("%s and %d more", [concat(", ", array.slice(items, 0, limit)), count(items) - limit])

plural(n, singular, _) := sprintf("%d %s", [n, singular]) if n == 1

plural(n, _, plural_form) := sprintf("%d %s", [n, plural_form]) if n != 1

capitalized(text) := concat("", [upper(substring(text, 0, 1)), substring(text, 1, -1)])
