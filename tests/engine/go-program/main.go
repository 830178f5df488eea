// Command go-program runs a Go Pulumi program that uses the generated Go SDK (sdks/go) through the Automation API,
// as an inline program, for the engine tests: the program runs in this process, which serves the language runtime
// itself and drives the `pulumi` CLI found first on PATH (no Go language host needed).
//
//	go-program REQUEST.json RESULT.json
//
// The request is {"workDir", "project", "stack", "operations": ["preview", "up", "destroy"]} (the stack and its
// config are set up in workDir beforehand); the result is {"preview": {"stackOutputs"}, "up": {"outputs": {name:
// {"value", "secret"}}, "summary"}, "destroy": {"summary"}}, or {"error": text} when an operation fails.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	contacts "github.com/pulumi-alicloud-message-contacts/pulumi-alicloud-message-contacts/sdks/go/alicloudmessagecontacts"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// program is the user's program: examples/python's, in Go. The function lists at preview and at up; the
// resource records the same listing in the stack's state. (docs/_index.md shows it, between the markers.)
// docs:program
func program(ctx *pulumi.Context) error {
	pending := contacts.LookupMessageContactVerificationsOutput(ctx, contacts.LookupMessageContactVerificationsOutputArgs{
		PageSize: pulumi.Int(100),
	})
	record, err := contacts.NewMessageContactVerifications(ctx, "pendingRecord", &contacts.MessageContactVerificationsArgs{
		PageSize: pulumi.Int(100),
	})
	if err != nil {
		return err
	}
	ctx.Export("pendingCount", pending.TotalCount())
	ctx.Export("pendingVerifications", pending.Verifications())
	ctx.Export("recordedTargets", record.Targets)
	ctx.Export("recordedByTarget", record.PendingByTarget)
	return nil
}

// docs:end

type request struct {
	WorkDir    string   `json:"workDir"`
	Project    string   `json:"project"`
	Stack      string   `json:"stack"`
	Operations []string `json:"operations"`
}

type outputValue struct {
	Value  any  `json:"value"`
	Secret bool `json:"secret"`
}

type result struct {
	Error   string `json:"error,omitempty"`
	Preview *struct {
		StackOutputs map[string]any `json:"stackOutputs"`
	} `json:"preview,omitempty"`
	Up *struct {
		Outputs map[string]outputValue `json:"outputs"`
		Summary map[string]int         `json:"summary"`
	} `json:"up,omitempty"`
	Destroy *struct {
		Summary map[string]int `json:"summary"`
	} `json:"destroy,omitempty"`
}

// stackOutputs are the outputs the program registered on its stack, from the engine's events (the last such event).
func stackOutputs(ch <-chan events.EngineEvent) map[string]any {
	var outputs map[string]any
	for event := range ch {
		res := event.ResOutputsEvent
		if res != nil && res.Metadata.Type == "pulumi:pulumi:Stack" && res.Metadata.New != nil {
			outputs = res.Metadata.New.Outputs
		}
	}
	return outputs
}

func changes(summary *map[string]int) map[string]int {
	if summary == nil {
		return map[string]int{}
	}
	return *summary
}

func run(ctx context.Context, req request, res *result) error {
	stack, err := auto.UpsertStackInlineSource(ctx, req.Stack, req.Project, program, auto.WorkDir(req.WorkDir))
	if err != nil {
		return fmt.Errorf("select stack %s: %w", req.Stack, err)
	}
	for _, operation := range req.Operations {
		switch operation {
		case "preview":
			ch := make(chan events.EngineEvent)
			done := make(chan map[string]any)
			go func() { done <- stackOutputs(ch) }()
			if _, err := stack.Preview(ctx, optpreview.EventStreams(ch)); err != nil {
				return fmt.Errorf("preview: %w", err)
			}
			res.Preview = &struct {
				StackOutputs map[string]any `json:"stackOutputs"`
			}{<-done}
		case "up":
			up, err := stack.Up(ctx)
			if err != nil {
				return fmt.Errorf("up: %w", err)
			}
			outputs := map[string]outputValue{}
			for name, out := range up.Outputs {
				outputs[name] = outputValue{Value: out.Value, Secret: out.Secret}
			}
			res.Up = &struct {
				Outputs map[string]outputValue `json:"outputs"`
				Summary map[string]int         `json:"summary"`
			}{outputs, changes(up.Summary.ResourceChanges)}
		case "destroy":
			destroyed, err := stack.Destroy(ctx)
			if err != nil {
				return fmt.Errorf("destroy: %w", err)
			}
			res.Destroy = &struct {
				Summary map[string]int `json:"summary"`
			}{changes(destroyed.Summary.ResourceChanges)}
		default:
			return fmt.Errorf("unknown operation %q", operation)
		}
	}
	return nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go-program REQUEST.json RESULT.json")
		os.Exit(2)
	}
	var res result
	data, err := os.ReadFile(os.Args[1])
	if err == nil {
		var req request
		if err = json.Unmarshal(data, &req); err == nil {
			err = run(context.Background(), req, &res)
		}
	}
	if err != nil {
		res.Error = err.Error()
	}
	out, err := json.Marshal(res)
	if err == nil {
		err = os.WriteFile(os.Args[2], out, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
