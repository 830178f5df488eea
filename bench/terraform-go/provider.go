package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// messageContactsProvider configures the client every read uses.
type messageContactsProvider struct{}

type providerModel struct {
	Endpoint  types.String `tfsdk:"endpoint"`
	AccessKey types.String `tfsdk:"access_key"`
	SecretKey types.String `tfsdk:"secret_key"`
}

func newProvider() provider.Provider { return &messageContactsProvider{} }

func (p *messageContactsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "alicloudmessagecontacts"
}

func (p *messageContactsProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "The benchmark's Go comparator: the endpoint and AccessKey of every read.",
		Attributes: map[string]schema.Attribute{
			"endpoint":   schema.StringAttribute{Required: true, Description: "The API's URL, e.g. the emulator's http://127.0.0.1:PORT."},
			"access_key": schema.StringAttribute{Required: true, Description: "The AccessKey ID."},
			"secret_key": schema.StringAttribute{Required: true, Sensitive: true, Description: "The AccessKey secret."},
		},
	}
}

func (p *messageContactsProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.DataSourceData = &client{
		endpoint:        config.Endpoint.ValueString(),
		accessKeyID:     config.AccessKey.ValueString(),
		accessKeySecret: config.SecretKey.ValueString(),
	}
}

func (p *messageContactsProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{func() datasource.DataSource { return &verificationsDataSource{} }}
}

func (p *messageContactsProvider) Resources(_ context.Context) []func() resource.Resource { return nil }
