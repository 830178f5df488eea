// Command terraform-provider-alicloudmessagecontacts is the benchmark's comparator: the data source
// alicloudmessagecontacts_verifications written in Go with terraform-plugin-framework, so that `tofu plan` of the
// Node.js provider can be measured against what the same plan costs with a Go provider. It is not shipped.
//
// It is deliberately minimal: a provider block with endpoint, access_key and secret_key, and a data source that
// lists every page of ListMessageContactVerifications (signed with ACS3-HMAC-SHA256, see sign.go) into id,
// total_count, verifications and targets, as the Node.js provider's data source does.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

func main() {
	err := providerserver.Serve(context.Background(), newProvider, providerserver.ServeOpts{
		Address: "registry.opentofu.org/bench/alicloudmessagecontacts",
	})
	if err != nil {
		log.Fatal(err)
	}
}
