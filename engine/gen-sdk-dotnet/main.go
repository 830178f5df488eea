// Command pulumi-gen-sdk-dotnet generates a Pulumi package's .NET SDK from its schema, offline, with the .NET code
// generator of github.com/pulumi/pulumi/pkg/v3 v3.225.1: the newest release the Go module proxy serves that still
// has codegen/dotnet (it moved to pulumi/pulumi-dotnet, whose module the proxy refuses). Its own module, because
// the SDK generator beside it (../gen-sdk) is pinned to the engine's newer release.
//
//	pulumi-gen-sdk-dotnet SCHEMA.json OUT_DIR
//
// writes OUT_DIR/dotnet, emptying it first. The generator downloads the NuGet package's icon (the schema's logoUrl,
// else Pulumi's logo from GitHub); offline, no request leaves this process: the icon is a plain 64x64 image drawn
// here.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// placeholderIcon is a 64x64 PNG of one colour (Alibaba Cloud's orange), the same bytes every run.
func placeholderIcon() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.RGBA{R: 0xff, G: 0x6a, B: 0x00, A: 0xff})
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

// offlineIcon answers the generator's one download, the icon, with the placeholder, and refuses anything else.
type offlineIcon struct{ icon []byte }

func (t offlineIcon) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method != http.MethodGet || filepath.Ext(r.URL.Path) != ".png" {
		return nil, fmt.Errorf("pulumi-gen-sdk-dotnet is offline: refused %s %s", r.Method, r.URL)
	}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"image/png"}}, Body: io.NopCloser(bytes.NewReader(t.icon)),
		ContentLength: int64(len(t.icon)), Request: r,
	}, nil
}

func run(schemaPath, out string) (string, error) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		return "", fmt.Errorf("read schema: %w", err)
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return "", fmt.Errorf("%s is not a JSON package schema: %w", schemaPath, err)
	}
	// No loader: a schema that references another package cannot be generated offline.
	pkg, diags, err := schema.BindSpec(spec, nil, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return "", fmt.Errorf("bind schema %s: %w", schemaPath, err)
	}
	if diags.HasErrors() {
		return "", fmt.Errorf("schema %s is invalid: %w", schemaPath, errors.Join(diags.Errs()...))
	}
	icon, err := placeholderIcon()
	if err != nil {
		return "", err
	}
	http.DefaultTransport = offlineIcon{icon: icon}
	files, err := dotnet.GeneratePackage("pulumi-language-dotnet", pkg, nil, nil)
	if err != nil {
		return "", fmt.Errorf("generate the dotnet SDK: %w", err)
	}
	dir := filepath.Join(out, "dotnet")
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-gen-sdk-dotnet SCHEMA.json OUT_DIR")
		os.Exit(2)
	}
	dir, err := run(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-gen-sdk-dotnet: %v\n", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "SDK has been written to %s\n", dir)
}
