# Policy on a Terraform or OpenTofu plan (`tofu show -json PLAN`): deny while message contact verifications are
# pending. Run it with OPA (`opa eval`) or conftest (`conftest test plan.json`, package `main`).
#
# A data source read at plan time is in the plan's `prior_state`; one whose read is deferred to apply (a
# `contact_id` not known yet) is in `resource_changes` with the action `read`, and its listing cannot be checked
# before apply: that is a warning, not a pass.
package main

import rego.v1

data_source_type := "alicloudmessagecontacts_verifications"

# Every listing read at plan time, in any module.
listings contains resource if {
	some path, resource
	walk(input.prior_state.values.root_module, [path, resource])
	is_object(resource)
	resource.mode == "data"
	resource.type == data_source_type
}

# A few of the listing's targets, for the message (they are masked by the service).
some_targets(resource) := concat(", ", array.slice(object.get(resource.values, "targets", []), 0, 3))

deny contains message if {
	some resource in listings
	resource.values.total_count > 0
	message := sprintf(
		"%s: %d message contact verification(s) pending (%s). Have each contact confirm it, then plan again.",
		[resource.address, resource.values.total_count, some_targets(resource)],
	)
}

warn contains message if {
	some change in input.resource_changes
	change.mode == "data"
	change.type == data_source_type
	"read" in change.change.actions
	message := sprintf("%s: the listing is read at apply (an argument is not known at plan time), so this policy cannot check it yet.", [change.address])
}
