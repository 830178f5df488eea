// Command oracle decodes tfplugin6 messages with protobuf-go, as a Go provider built on terraform-plugin-go does,
// and says what happened: for each input line "<message> <hex>" (a message of package tfplugin6, such as
// ReadDataSource.Request), one output line, "ok <the message as protojson>" or "error: <protobuf-go's error>".
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	_ "github.com/hashicorp/terraform-plugin-go/tfprotov6/internal/tfplugin6"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<28)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		name, data, found := strings.Cut(in.Text(), " ")
		if !found {
			fmt.Fprintln(os.Stderr, "a line is not <message> <hex>")
			os.Exit(2)
		}
		bytes, err := hex.DecodeString(data)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		kind, err := protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName("tfplugin6." + name))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		message := kind.New().Interface()
		if err := proto.Unmarshal(bytes, message); err != nil {
			fmt.Fprintln(out, "error:", err)
			continue
		}
		text, err := protojson.Marshal(message)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Fprintln(out, "ok", string(text))
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
