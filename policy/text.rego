# Text from outside (targets and contact IDs from the service, names and addresses from the configuration) as the
# messages show it: printable ASCII as is, every other run of characters as `?` (no terminal escape or line break
# gets through), and at most 100 characters.
package lib.message_contacts.text

import rego.v1

# The longest text shown in full.
max_shown := 100

shown(text) := text if {
	regex.match(`^[ -~]*$`, text)
	count(text) <= max_shown
} else := cleaned(text) if {
	count(text) <= max_shown
} else := sprintf("%s (cut from %d characters)", [cleaned(substring(text, 0, max_shown)), count(text)])

cleaned(text) := concat("", [part |
	some run in regex.find_all_string_submatch_n(`[ -~]+|[^ -~]+`, text, -1)
	part := printable_or_mark(run[0])
])

printable_or_mark(run) := run if regex.match(`^[ -~]+$`, run)

else := "?"
