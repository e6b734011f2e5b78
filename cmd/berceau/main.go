// Command berceau runs the Berceau platform and its administration tasks.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	if err != nil {
		var usage usageError
		if !errors.As(err, &usage) || usage.msg != "" {
			fmt.Fprintln(os.Stderr, "berceau:", err)
		}
		if errors.As(err, &usage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}
