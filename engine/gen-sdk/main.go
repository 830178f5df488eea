// Command pulumi-gen-sdk generates a Pulumi package's SDK from its schema with the code generators of the pinned
// github.com/pulumi/pulumi/pkg/v3, in process, without a language plugin.
//
// `pulumi package gen-sdk` hands generation to the language's plugin (pulumi-language-python, -go, -nodejs),
// and none of those is served by the Go module proxy, so the CLI that `npm run engine` builds cannot generate any
// SDK. Each of those plugins binds the schema and calls its language's GeneratePackage; this program does the same
// with the same generators and tool names (which the generated files name in their headers), so for a self-contained
// schema it writes what `pulumi package gen-sdk` with those plugins would (not compared byte for byte: no plugin here).
//
//	pulumi-gen-sdk SCHEMA.json --language python|go|nodejs [--out DIR] [--version X.Y.Z] [--local]
//
// Like `pulumi package gen-sdk`, it writes DIR/LANGUAGE (DIR defaults to ./sdk), emptying that folder first.
// .NET is not possible: its generator left pulumi/pulumi for pulumi/pulumi-dotnet, which the proxy does not serve.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// generators maps each supported language to a call of its code generator, with the tool name its language
// plugin passes.
var generators = map[string]func(pkg *schema.Package, loader schema.ReferenceLoader, local bool) (map[string][]byte, error){
	"python": func(pkg *schema.Package, loader schema.ReferenceLoader, _ bool) (map[string][]byte, error) {
		return python.GeneratePackage("pulumi-language-python", pkg, nil, loader)
	},
	"go": func(pkg *schema.Package, _ schema.ReferenceLoader, _ bool) (map[string][]byte, error) {
		return gogen.GeneratePackage("pulumi-language-go", pkg, nil)
	},
	"nodejs": func(pkg *schema.Package, loader schema.ReferenceLoader, local bool) (map[string][]byte, error) {
		return nodejs.GeneratePackage("pulumi-language-nodejs", pkg, nil, nil, local, loader)
	},
}

// unsupported explains the languages this program knows it cannot generate.
var unsupported = map[string]string{
	"dotnet": "the .NET generator is not part of github.com/pulumi/pulumi/pkg/v3 (it moved to pulumi/pulumi-dotnet, " +
		"which the Go module proxy does not serve); use `pulumi package gen-sdk` with pulumi-language-dotnet installed",
	"java": "the Java generator lives in pulumi/pulumi-java, which this tools module does not build",
}

// offlineLoader resolves no package: a schema that references another package's types or resources cannot be
// generated offline, and says so instead of starting a provider plugin to fetch its schema.
type offlineLoader struct{}

func (offlineLoader) refused(name string) error {
	return fmt.Errorf("the schema references package %q: pulumi-gen-sdk generates self-contained schemas only "+
		"(it loads no provider plugin)", name)
}

func (l offlineLoader) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refused(pkg)
}

func (l offlineLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refused(d.Name)
}

func (l offlineLoader) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refused(pkg)
}

func (l offlineLoader) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, l.refused(d.Name)
}

// options are the command line's flags and argument.
type options struct {
	schemaPath string
	language   string
	out        string
	version    string
	local      bool
}

// parseArgs reads the flags and the one schema path, in any order (as cobra does for `pulumi package gen-sdk`).
func parseArgs(args []string, stderr io.Writer) (options, error) {
	var opts options
	fs := flag.NewFlagSet("pulumi-gen-sdk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&opts.language, "language", "", "the SDK language: "+strings.Join(languages(), "|"))
	fs.StringVar(&opts.out, "out", "./sdk", "the folder to write the SDK's LANGUAGE folder into")
	fs.StringVar(&opts.version, "version", "", "the package version to generate the SDK for (overrides the schema's)")
	fs.BoolVar(&opts.local, "local", false, "generate an SDK for local use (nodejs)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: pulumi-gen-sdk SCHEMA.json --language LANGUAGE [--out DIR] [--version X.Y.Z] [--local]")
		fs.PrintDefaults()
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return opts, err
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(positional) != 1 {
		fs.Usage()
		return opts, fmt.Errorf("expected one schema path, got %d arguments", len(positional))
	}
	opts.schemaPath = positional[0]
	if opts.language == "" {
		return opts, errors.New("--language is required: " + strings.Join(languages(), "|"))
	}
	return opts, nil
}

// languages lists the supported languages, sorted.
func languages() []string {
	names := make([]string, 0, len(generators))
	for name := range generators {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// bindSchema reads and binds the schema as `pulumi package gen-sdk` does (dangling references allowed), with
// version overriding the schema's version when given.
func bindSchema(path, version string) (*schema.Package, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read schema: %w", err)
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return nil, fmt.Errorf("%s is not a JSON package schema: %w", path, err)
	}
	pkg, diags, err := schema.BindSpec(spec, offlineLoader{}, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, fmt.Errorf("bind schema %s: %w", path, err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("schema %s is invalid: %w", path, errors.Join(diags.Errs()...))
	}
	if version != "" {
		v, err := semver.ParseTolerant(version)
		if err != nil {
			return nil, fmt.Errorf("invalid --version %q: %w", version, err)
		}
		pkg.Version = &v
	}
	return pkg, nil
}

// writeFiles empties dir and writes files (paths relative to it) into it.
func writeFiles(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// run generates the SDK the arguments ask for and returns the folder it wrote.
func run(args []string, stderr io.Writer) (string, error) {
	opts, err := parseArgs(args, stderr)
	if err != nil {
		return "", err
	}
	if reason, ok := unsupported[opts.language]; ok {
		return "", fmt.Errorf("cannot generate a %s SDK: %s", opts.language, reason)
	}
	generate, ok := generators[opts.language]
	if !ok {
		return "", fmt.Errorf("unknown language %q: expected %s", opts.language, strings.Join(languages(), "|"))
	}
	pkg, err := bindSchema(opts.schemaPath, opts.version)
	if err != nil {
		return "", err
	}
	files, err := generate(pkg, offlineLoader{}, opts.local)
	if err != nil {
		return "", fmt.Errorf("generate the %s SDK: %w", opts.language, err)
	}
	dir := filepath.Join(opts.out, opts.language)
	if err := writeFiles(dir, files); err != nil {
		return "", fmt.Errorf("write the %s SDK into %s: %w", opts.language, dir, err)
	}
	return dir, nil
}

func main() {
	dir, err := run(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-gen-sdk: %v\n", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "SDK has been written to %s\n", dir)
}
