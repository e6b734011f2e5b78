// Command storeerrs checks that every error leaving internal/store says
// what the store was doing, and with -w wraps the ones that do not (see
// package check for the rule). It is re-runnable: run it again after adding
// or merging store code.
//
//	go run ./tools/storeerrs [-w] [DIR]    (DIR defaults to internal/store)
//
// Without -w it lists the bare returns and exits 1 if there are any; it
// always prints the counts (bare, wrapped, delegated, rows.Next loops).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/berceau/berceau/tools/storeerrs/check"
)

func main() {
	write := flag.Bool("w", false, "wrap the bare errors in place")
	verbose := flag.Bool("v", false, "list every error return with its class")
	flag.Parse()
	dir := "internal/store"
	if flag.NArg() > 0 {
		dir = flag.Arg(0)
	}
	rep, err := check.Analyze(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "storeerrs:", err)
		os.Exit(2)
	}
	if *verbose {
		for _, r := range rep.Returns {
			fmt.Println(r)
		}
		for _, d := range rep.Doubles {
			fmt.Println(d)
		}
	}
	fmt.Println("storeerrs:", rep.Counts)
	if *write {
		changed, err := rep.Fix()
		for _, f := range changed {
			fmt.Println("wrapped errors in", f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "storeerrs:", err)
			os.Exit(2)
		}
		return
	}
	for _, f := range rep.Findings {
		fmt.Println(f)
	}
	if len(rep.Findings) > 0 {
		os.Exit(1)
	}
}
