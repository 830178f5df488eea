# The listings of message contact verifications in the input, from either tool, in one shape:
#
#   {"resource": <Terraform address or Pulumi URN>, "name": <how messages name it>, "contact_id": <"" for every
#    contact's>, "known": <false while the listing is not read>, "pending_count": <n>, "targets": <distinct, sorted>,
#    "targets_secret": <bool>}
#
# - A Terraform or OpenTofu plan (`tofu show -json PLAN`, as is): a data source `alicloudmessagecontacts_verifications`
#   read at plan time is in `prior_state` (in any module); one whose read is deferred to apply (an argument not known
#   at plan time) is in `resource_changes` with the action `read`, and its listing is not known. Targets are secret
#   when the plan marks `targets` or `verifications` sensitive (`sensitive_values`).
# - A Pulumi stack, as the policy pack gives it: `{"pulumi": {"resources": [{"urn", "name", "type", "outputs",
#   "secret_outputs", "unknown_outputs"}]}}`, one entry per `MessageContactVerifications` (the pack selects them by
#   type). Its listing is not known while no listing output is planned (an input not known at preview) or one is
#   unknown. Targets are secret when `secretTargets` is true or `targets` or `verifications` is a secret output.
package lib.message_contacts.listings

import rego.v1

import data.lib.message_contacts.text

# The data source's type in Terraform and OpenTofu.
data_source_type := "alicloudmessagecontacts_verifications"

# The outputs that hold a listing, in each tool's names.
listing_outputs := {
	"terraform": {"count": "total_count", "verifications": "verifications", "targets": "targets"},
	"pulumi": {"count": "totalCount", "verifications": "verifications", "targets": "targets"},
}

# Every listing in the input.
listings := (terraform_read | terraform_deferred) | pulumi_listings

# -------------------------------------------------------------------------------------------------------------------
# Terraform and OpenTofu plans
# -------------------------------------------------------------------------------------------------------------------

# The data sources whose read is deferred to apply, by address.
deferred_changes[change.address] := change if {
	some change in array_or_empty(object.get(input, "resource_changes", []))
	change.mode == "data"
	change.type == data_source_type
	"read" in change.change.actions
}

terraform_read contains listing if {
	some path, resource
	walk(object.get(input, ["prior_state", "values", "root_module"], {}), [path, resource])
	is_object(resource)
	resource.mode == "data"
	resource.type == data_source_type
	not deferred_changes[resource.address]
	listing := known_listing(
		{"resource": resource.address, "name": text.shown(resource.address), "secret": terraform_sensitive(resource)},
		object.get(resource, "values", {}),
		listing_outputs.terraform,
		"contact_id",
	)
}

terraform_deferred contains listing if {
	some address, change in deferred_changes
	listing := unknown_listing(address, text.shown(address), object.get(change.change, ["after", "contact_id"], null))
}

# Whether the plan marks the targets sensitive: `true` anywhere in `sensitive_values` of either output.
terraform_sensitive(resource) if {
	some name in ["targets", "verifications"]
	walk(object.get(resource, ["sensitive_values", name], false), [_, true])
} else := false

# -------------------------------------------------------------------------------------------------------------------
# Pulumi stacks (the policy pack's input)
# -------------------------------------------------------------------------------------------------------------------

pulumi_resources := array_or_empty(object.get(input, ["pulumi", "resources"], []))

pulumi_listings contains listing if {
	some resource in pulumi_resources
	pulumi_known(resource)
	listing := known_listing(
		{"resource": resource.urn, "name": pulumi_name(resource), "secret": pulumi_secret(resource)},
		object.get(resource, "outputs", {}),
		listing_outputs.pulumi,
		"contactId",
	)
}

pulumi_listings contains listing if {
	some resource in pulumi_resources
	not pulumi_known(resource)
	listing := unknown_listing(resource.urn, pulumi_name(resource), object.get(resource, ["outputs", "contactId"], null))
}

pulumi_name(resource) := sprintf("MessageContactVerifications \"%s\"", [text.shown(resource.name)])

# A listing is known when a listing output is planned and none is unknown.
pulumi_known(resource) if {
	unknown := {name | some name in array_or_empty(object.get(resource, "unknown_outputs", []))}
	outputs := object.get(resource, "outputs", {})
	some output in listing_outputs.pulumi
	has_key(outputs, output)
	every name in listing_outputs.pulumi {
		not name in unknown
	}
}

pulumi_secret(resource) if {
	object.get(resource, ["outputs", "secretTargets"], false) == true
} else if {
	some name in array_or_empty(object.get(resource, "secret_outputs", []))
	name in {"targets", "verifications"}
} else := false

# -------------------------------------------------------------------------------------------------------------------
# The shared shape
# -------------------------------------------------------------------------------------------------------------------

# A listing read: `about` holds its resource, name and whether its targets are secret.
known_listing(about, values, outputs, contact_key) := {
	"resource": about.resource,
	"name": about.name,
	"contact_id": string_or_empty(object.get(values, contact_key, null)),
	"known": true,
	"pending_count": max([
		number_or_zero(object.get(values, outputs.count, null)),
		count(array_or_empty(object.get(values, outputs.verifications, null))),
		count(targets),
	]),
	"targets": targets,
	"targets_secret": about.secret,
} if {
	targets := targets_of(object.get(values, outputs.targets, null), object.get(values, outputs.verifications, null))
}

unknown_listing(resource, name, contact_id) := {
	"resource": resource,
	"name": name,
	"contact_id": string_or_empty(contact_id),
	"known": false,
	"pending_count": 0,
	"targets": [],
	"targets_secret": false,
}

# The distinct targets, sorted: the targets output, else the verifications' targets.
targets_of(targets, _) := sort({target | some target in targets; is_string(target)}) if is_array(targets)

targets_of(targets, verifications) := sort({target |
	some verification in array_or_empty(verifications)
	is_object(verification)
	target := object.get(verification, "target", null)
	is_string(target)
}) if not is_array(targets)

number_or_zero(value) := value if is_number(value)

else := 0

string_or_empty(value) := value if is_string(value)

else := ""

array_or_empty(value) := value if is_array(value)

else := []

has_key(obj, key) if _ = obj[key]
