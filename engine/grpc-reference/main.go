// The reference gRPC server of the engine tests' conformance suite (tests/engine/grpc-conformance.test.ts): grpc-go
// with its defaults but for the largest message received, serving the methods the suite calls on the provider's
// own server (tests/support/grpc-conformance/methods.ts), so that each hostile or odd request is answered by
// grpc-go itself, the judge of what the provider's server answers.
//
// Usage: grpc-reference -max-message-bytes N. It listens on 127.0.0.1 (any free port), prints the address as
// one line on stdout, and exits when its stdin ends.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"sync/atomic"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// rawCodec passes messages through as bytes: the suite's messages are opaque, as they are to the provider's server.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) {
	switch m := v.(type) {
	case []byte:
		return m, nil
	case *[]byte:
		return *m, nil
	}
	return nil, fmt.Errorf("rawCodec cannot marshal %T", v)
}

func (rawCodec) Unmarshal(data []byte, v any) error {
	m, ok := v.(*[]byte)
	if !ok {
		return fmt.Errorf("rawCodec cannot unmarshal into %T", v)
	}
	*m = append([]byte(nil), data...)
	return nil
}

func (rawCodec) Name() string { return "proto" }

// waits counts the Wait calls that began waiting; cancellations those that saw their context end (the caller
// cancelled, or the deadline passed).
var waits, cancellations atomic.Int64

func request(dec func(any) error) ([]byte, error) {
	var in []byte
	if err := dec(&in); err != nil {
		return nil, err
	}
	return in, nil
}

// The methods: Echo answers its request; Fail answers FAILED_PRECONDITION with the request as the message;
// Wait waits for its context to end and counts it; Waits and Cancellations answer those counts in decimal.
var service = grpc.ServiceDesc{
	ServiceName: "conformance.Test",
	HandlerType: (*any)(nil),
	Methods: []grpc.MethodDesc{
		{MethodName: "Echo", Handler: func(_ any, _ context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) {
			return request(dec)
		}},
		{MethodName: "Fail", Handler: func(_ any, _ context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) {
			in, err := request(dec)
			if err != nil {
				return nil, err
			}
			return nil, status.Error(codes.FailedPrecondition, string(in))
		}},
		{MethodName: "Wait", Handler: func(_ any, ctx context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) {
			if _, err := request(dec); err != nil {
				return nil, err
			}
			waits.Add(1)
			<-ctx.Done()
			cancellations.Add(1)
			return nil, status.FromContextError(ctx.Err()).Err()
		}},
		{MethodName: "Cancellations", Handler: func(_ any, _ context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) {
			if _, err := request(dec); err != nil {
				return nil, err
			}
			return []byte(strconv.FormatInt(cancellations.Load(), 10)), nil
		}},
		{MethodName: "Waits", Handler: func(_ any, _ context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) {
			if _, err := request(dec); err != nil {
				return nil, err
			}
			return []byte(strconv.FormatInt(waits.Load(), 10)), nil
		}},
	},
}

func main() {
	maxMessageBytes := flag.Int("max-message-bytes", 4<<20, "the largest message received, in bytes")
	flag.Parse()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	server := grpc.NewServer(grpc.MaxRecvMsgSize(*maxMessageBytes), grpc.ForceServerCodec(rawCodec{}))
	server.RegisterService(&service, struct{}{})
	fmt.Println(listener.Addr().String())
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	if err := server.Serve(listener); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
