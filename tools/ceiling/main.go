// Command ceiling serves a static 1 KB response: the same-run ceiling that
// Berceau's load figures are compared with (docs/PERFORMANCE.md).
package main

import (
	"flag"
	"log"
	"net/http"
	"strings"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18090", "address to listen on")
	flag.Parse()
	body := []byte("<!doctype html><title>ceiling</title><p>" + strings.Repeat("x", 1024-44) + "</p>\n")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(body)
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
