package knowledge

import (
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/berceau/berceau"
)

// benchLibrary is n resources of 5-word titles, 25-word summaries and
// 600-word files, from a vocabulary of 20,000 rare words and 40 frequent
// ones (tools/genlibrary makes the same for the load figures).
func benchLibrary(n int) []LibraryEntry {
	r := rand.New(rand.NewPCG(16, 2026))
	common := strings.Fields("securite allaitement nourrisson grossesse sommeil perinatalite famille parent bebe suivi visite domicile sante mentale depression alimentation logement violence migration garde groupe naissance preparation pediatrie vaccination croissance safety breastfeeding infant pregnancy sleep family home health feeding housing daycare birth growth baby")
	vocab := make([]string, 20000)
	for i := range vocab {
		vocab[i] = strings.Repeat(string(rune('a'+i%26)), 2) + strings.ToLower(strings.ReplaceAll(time.Duration(i*7919).String(), ".", ""))
	}
	pick := func(k int) string {
		out := make([]string, k)
		for i := range out {
			if r.IntN(10) == 0 {
				out[i] = common[r.IntN(len(common))]
			} else {
				out[i] = vocab[r.IntN(len(vocab))]
			}
		}
		return strings.Join(out, " ")
	}
	entries := make([]LibraryEntry, n)
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range entries {
		entries[i] = LibraryEntry{Resource: Resource{ID: int64(i + 1), Title: berceau.TextOf("fr", pick(5)), Summary: berceau.TextOf("fr", pick(25)),
			Audience: Audiences[i%2], Languages: []string{"fr"}, UpdatedAt: day.Add(time.Duration(i) * time.Minute)}, FileWords: DocumentWords(pick(600))}
	}
	return entries
}

// processCPU is the CPU time this process has used (user and system): on
// a shared machine, the figure that does not depend on the others' load.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the CPU time per operation to a benchmark's figures.
func reportCPU(b *testing.B, since time.Duration) {
	b.ReportMetric(float64((processCPU()-since).Microseconds())/float64(b.N), "cpu-µs/op")
}

func BenchmarkLibraryIndexBuild10k(b *testing.B) {
	entries := benchLibrary(10000)
	b.ResetTimer()
	cpu := processCPU()
	for b.Loop() {
		BuildLibraryIndex(entries)
	}
	reportCPU(b, cpu)
}

func BenchmarkLibrarySearch10k(b *testing.B) {
	ix := BuildLibraryIndex(benchLibrary(10000))
	for _, q := range []string{"securite", "allait", "sommeil nourrisson", ""} {
		b.Run(q, func(b *testing.B) {
			b.SetParallelism(8) // 16 goroutines on 2 cores, as wrk's 16 connections
			cpu := processCPU()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					ix.Search(LibraryQuery{Words: q, Limit: 20})
				}
			})
			reportCPU(b, cpu)
		})
	}
}
