// Command genlibrary adds generated resources to a demo database's library,
// for the library's load figures (docs/PERFORMANCE.md): each with a title,
// a summary and the words of a file of a few hundred distinct words, drawn
// from a French and English vocabulary with a few frequent words, so that
// searches match from a handful to thousands of documents. Run it on a
// database the demo made (its directory organisations publish them). Their
// files are not written to the files folder: the figures are of search.
//
//	go run ./tools/genlibrary --db /tmp/lib/berceau.db --n 10000
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// common are words many documents hold; the rest of the vocabulary is
// generated, each word rare.
var common = strings.Fields(`sécurité allaitement nourrisson grossesse sommeil périnatalité famille parent bébé suivi
	visite domicile santé mentale dépression post-partum alimentation logement violence migration garde groupe
	naissance préparation pédiatrie vaccination croissance safety breastfeeding infant pregnancy sleep family
	parent baby visit home health mental depression feeding housing daycare birth growth`)

var syllables = strings.Fields("ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo")

func vocabulary(r *rand.Rand, n int) []string {
	seen := map[string]bool{}
	var words []string
	for len(words) < n {
		var b strings.Builder
		for range 3 + r.IntN(3) {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words
}

func main() {
	db := flag.String("db", "", "the demo's SQLite file or postgres:// DSN")
	n := flag.Int("n", 10000, "how many resources to add")
	flag.Parse()
	ctx := context.Background()
	st, err := store.Open(ctx, *db)
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	r := rand.New(rand.NewPCG(16, 2026))
	vocab := vocabulary(r, 20000)
	pick := func(k int) []string {
		out := make([]string, k)
		for i := range out {
			if r.IntN(10) == 0 {
				out[i] = common[r.IntN(len(common))]
			} else {
				out[i] = vocab[r.IntN(len(vocab))]
			}
		}
		return out
	}
	orgs := []string{"lucioles", "parvis", "clsc-parcex", "nid-hochelaga", "one-molenbeek", "marmite", "mere-veille", "tilleuls"}
	audiences := []knowledge.Audience{knowledge.AudiencePublic, knowledge.AudiencePublic, knowledge.AudiencePublic, knowledge.AudienceMembers}
	const batch = 500
	for done := 0; done < *n; done += batch {
		err := st.WriteTx(ctx, func(tx *store.Tx) error {
			for i := done; i < min(done+batch, *n); i++ {
				res := knowledge.Resource{Kind: knowledge.ResourceKinds[r.IntN(len(knowledge.ResourceKinds))],
					Title:     berceau.TextOf("fr", strings.Join(pick(5), " "), "en", strings.Join(pick(5), " ")),
					Summary:   berceau.TextOf("fr", strings.Join(pick(25), " ")),
					Themes:    []string{directory.PerinatalNeeds[r.IntN(len(directory.PerinatalNeeds))].Code},
					Languages: []string{[]string{"fr", "en"}[r.IntN(2)]}, Audience: audiences[r.IntN(len(audiences))],
					OrganizationID: directory.NameUUID("demo-org:" + orgs[r.IntN(len(orgs))]), Licence: "cc-by"}
				if err := tx.CreateResource(ctx, &res); err != nil {
					return err
				}
				words := knowledge.DocumentWords(strings.Join(pick(600), " "))
				v := knowledge.ResourceVersion{ResourceID: res.ID, FileName: fmt.Sprintf("document-%05d.pdf", i), ContentType: "application/pdf",
					Size: 200_000, SHA256: fmt.Sprintf("%064x", i)}
				if err := tx.AddResourceVersion(ctx, &v, words); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("%d resources added\n", *n)
}
