// The protobuf-go oracle of the engine tests. Its module path lies under terraform-plugin-go's tfprotov6 only so
// that Go's internal-package rule lets it import tfprotov6/internal/tfplugin6, the generated types Go providers
// decode tfplugin6 with; it is never published.
module github.com/hashicorp/terraform-plugin-go/tfprotov6/oracle

go 1.26.6

require (
	github.com/hashicorp/terraform-plugin-go v0.31.0
	google.golang.org/protobuf v1.36.11
)

require (
	golang.org/x/net v0.48.0 // indirect
	golang.org/x/sys v0.39.0 // indirect
	golang.org/x/text v0.32.0 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20251202230838-ff82c1b0f217 // indirect
	google.golang.org/grpc v1.79.2 // indirect
)
