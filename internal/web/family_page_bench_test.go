package web

import (
	"io"
	"net/http"
	"regexp"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// BenchmarkFamilyPagesParallel serves the three pages of scripts/load.sh
// (the demo nurse's first family file, its follow-up, her day) on the demo
// database, from 16 goroutines that never pause, so that a CPU profile
// shows where a page's time goes under load, each request with its durable
// audit row. cpu-µs/op is the process's CPU time per page, the HTTP client's
// included:
//
//	go test -run X -bench FamilyPagesParallel -cpuprofile cpu.out ./internal/web
//	go tool pprof -top -cum -focus 'Server..ServeHTTP' web.test cpu.out
func BenchmarkFamilyPagesParallel(b *testing.B) {
	ts := newSQLiteServer(b, Options{})
	br := ts.newBrowser(b)
	br.signIn("infirmiere@berceau.example")
	_, list := br.get("/families")
	m := regexp.MustCompile(`href="(/families/\d+)"`).FindStringSubmatch(list)
	if m == nil {
		b.Fatal("no family file in the nurse's list")
	}
	// 16 connections kept open, as wrk's.
	client := &http.Client{Jar: br.client.Jar, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	for _, page := range []struct{ name, path string }{{"family-file", m[1]}, {"follow-up", m[1] + "/follow-up"}, {"my-day", "/my-day"}} {
		b.Run(page.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetParallelism(max(1, 16/runtime.GOMAXPROCS(0)))
			start := processCPU()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := client.Get(ts.URL + page.path)
					if err != nil {
						b.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Errorf("GET %s: %d", page.path, resp.StatusCode)
						return
					}
				}
			})
			// CPU per page, client included: on a shared machine the wall
			// time per page says how busy it is, this does not.
			b.ReportMetric(float64((processCPU()-start).Microseconds())/float64(b.N), "cpu-µs/op")
		})
	}
}

// processCPU is the user and system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
