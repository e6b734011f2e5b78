package web

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// seedLibrary adds n generated resources as tools/genlibrary does: 5-word
// titles, 25-word summaries, files of 600 words drawn from 20,000 rare
// words and 40 frequent ones.
func seedLibrary(b *testing.B, st *store.Store, n int) {
	b.Helper()
	r := rand.New(rand.NewPCG(16, 2026))
	common := strings.Fields("sécurité allaitement nourrisson grossesse sommeil périnatalité famille parent bébé suivi visite domicile santé mentale dépression alimentation logement violence migration garde groupe naissance préparation pédiatrie vaccination croissance safety breastfeeding infant pregnancy sleep family home health feeding housing daycare birth growth baby")
	vocab := make([]string, 20000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("mot%c%c%d", 'a'+i%26, 'a'+i/26%26, i)
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
	ctx := context.Background()
	for done := 0; done < n; done += 500 {
		err := st.WriteTx(ctx, func(tx *store.Tx) error {
			for i := done; i < min(done+500, n); i++ {
				res := knowledge.Resource{Kind: knowledge.ResourceKinds[i%len(knowledge.ResourceKinds)], Title: berceau.TextOf("fr", pick(5)),
					Summary: berceau.TextOf("fr", pick(25)), Themes: []string{directory.PerinatalNeeds[i%len(directory.PerinatalNeeds)].Code},
					Languages: []string{"fr"}, Audience: knowledge.Audiences[i%2], OrganizationID: directory.NameUUID("demo-org:lucioles"), Licence: "cc-by"}
				if err := tx.CreateResource(ctx, &res); err != nil {
					return err
				}
				v := knowledge.ResourceVersion{ResourceID: res.ID, FileName: "document.pdf", ContentType: "application/pdf", Size: 1, SHA256: fmt.Sprintf("%064x", i)}
				if err := tx.AddResourceVersion(ctx, &v, knowledge.DocumentWords(pick(600))); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLibrarySearchPage renders the library's search page for an
// anonymous visitor over 10,000 resources, 16 requests at a time: the whole
// handler (index search, organisation names, template).
func BenchmarkLibrarySearchPage(b *testing.B) {
	ts := newSQLiteServer(b, Options{})
	seedLibrary(b, ts.store, 10000)
	for _, path := range []string{"/library?q=securite", "/library?q=allait", "/library?q=sommeil+nourrisson", "/library"} {
		b.Run(strings.TrimPrefix(path, "/library"), func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			w := httptest.NewRecorder()
			ts.web.ServeHTTP(w, req) // the first search waits for the index
			b.ResetTimer()
			b.SetParallelism(8) // 16 goroutines on 2 cores
			cpu := processCPU()
			defer func() { b.ReportMetric(float64((processCPU()-cpu).Microseconds())/float64(b.N), "cpu-µs/op") }()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					w := httptest.NewRecorder()
					ts.web.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
					if w.Code != http.StatusOK {
						b.Errorf("status %d", w.Code)
					}
				}
			})
		})
	}
}
