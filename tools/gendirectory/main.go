// Command gendirectory writes a fictional HSDS 3.1 tabular package of N
// perinatal services (the demo's organisations and words, recombined), for
// load tests: `go run ./tools/gendirectory -n 100000 /tmp/hsds-100k`.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/hsds"
)

func main() {
	n := flag.Int("n", 100000, "number of services")
	format := flag.String("format", "csv", "csv (a folder) or json (a file)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gendirectory [-n N] [-format csv|json] PATH")
		os.Exit(2)
	}
	start := time.Now()
	ds := demo.GeneratedDataset(*n, 42)
	var err error
	if *format == "json" {
		var f *os.File
		if f, err = os.Create(flag.Arg(0)); err == nil {
			err = hsds.WriteJSON(f, ds, hsds.Professionals)
			f.Close()
		}
	} else {
		err = hsds.WriteCSV(flag.Arg(0), ds, hsds.Professionals)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d services written to %s in %s\n", len(ds.Services), flag.Arg(0), time.Since(start).Round(time.Millisecond))
}
