package knowledge

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/berceau/berceau"
)

// Search in the library: accent- and case-insensitive, every query word
// must begin a word of the resource (so "sécu" finds "sécurité" and
// "Securite"), in its title, its summary (every language) or the text of
// its current file; ranked by where the words match, then newest first.
// The index lives in memory, built from the database: the same index, so
// the same results, whatever the engine.

// Weights of a match by field.
const (
	weightTitle   = 8
	weightSummary = 2
	weightBody    = 1
)

// Bounds of the words kept of a file's text.
const (
	// MaxDocumentText is how much of a file's extracted text is read for
	// its words; the rest of a very long document is not searched.
	MaxDocumentText = 1 << 20
	// MaxDocumentWords is how many distinct words of a file are kept.
	MaxDocumentWords = 6000
)

// DocumentWords are the distinct folded words of a file's text, two
// letters or more, in the order they first appear, at most
// MaxDocumentWords of them, joined by spaces: what search matches in a
// document, stored with its version.
func DocumentWords(text string) string {
	if len(text) > MaxDocumentText {
		text = text[:MaxDocumentText]
		for !utf8.ValidString(text) && len(text) > 0 {
			text = text[:len(text)-1]
		}
	}
	seen := map[string]bool{}
	var words []string
	for _, w := range berceau.SearchWords(text) {
		if utf8.RuneCountInString(w) < 2 || len(w) > 40 || seen[w] {
			continue
		}
		seen[w] = true
		words = append(words, w)
		if len(words) == MaxDocumentWords {
			break
		}
	}
	return strings.Join(words, " ")
}

// LibraryEntry is what the index knows of a resource: the resource and the
// words of its current file (DocumentWords).
type LibraryEntry struct {
	Resource  Resource
	FileWords string
}

type posting struct {
	doc    int32
	weight float32
}

// LibraryIndex answers library searches.
type LibraryIndex struct {
	entries  []Resource // newest first: the order of a search without words
	words    []string   // sorted, distinct
	postings [][]posting
}

// BuildLibraryIndex indexes entries.
func BuildLibraryIndex(entries []LibraryEntry) *LibraryIndex {
	sorted := append([]LibraryEntry(nil), entries...)
	sort.SliceStable(sorted, func(i, j int) bool { return newer(sorted[i].Resource, sorted[j].Resource) })
	ix := &LibraryIndex{entries: make([]Resource, len(sorted))}
	byWord := map[string][]posting{}
	for d, e := range sorted {
		ix.entries[d] = e.Resource
		weights := map[string]float32{}
		add := func(text string, w float32) {
			for _, word := range berceau.SearchWords(text) {
				weights[word] = max(weights[word], w)
			}
		}
		for _, lang := range ResourceLanguages {
			add(e.Resource.Title.Get(lang), weightTitle)
			add(e.Resource.Summary.Get(lang), weightSummary)
		}
		for _, word := range strings.Fields(e.FileWords) {
			weights[word] = max(weights[word], weightBody)
		}
		for word, w := range weights {
			byWord[word] = append(byWord[word], posting{doc: int32(d), weight: w})
		}
	}
	ix.words = make([]string, 0, len(byWord))
	for w := range byWord {
		ix.words = append(ix.words, w)
	}
	sort.Strings(ix.words)
	ix.postings = make([][]posting, len(ix.words))
	for i, w := range ix.words {
		ix.postings[i] = byWord[w]
	}
	return ix
}

func newer(a, b Resource) bool {
	if !a.UpdatedAt.Equal(b.UpdatedAt) {
		return a.UpdatedAt.After(b.UpdatedAt)
	}
	return a.ID > b.ID
}

// Len is the number of resources indexed.
func (ix *LibraryIndex) Len() int { return len(ix.entries) }

// LibraryQuery is a search of the library.
type LibraryQuery struct {
	Words    string
	Kind     ResourceKind
	Theme    string
	Audience Audience
	Language string
	// Reach is what the reader may see: nothing else is counted or listed.
	Reach         LibraryReach
	Limit, Offset int
}

// keeps reports whether the filters of q keep r.
func (q LibraryQuery) keeps(r Resource) bool {
	if !q.Reach.Sees(r) || (q.Kind != "" && r.Kind != q.Kind) || (q.Audience != "" && r.Audience != q.Audience) {
		return false
	}
	if q.Theme != "" && !contains(r.Themes, q.Theme) {
		return false
	}
	return q.Language == "" || contains(r.Languages, q.Language)
}

// Search returns the page of resources q asks for, best first, and how
// many match in all.
func (ix *LibraryIndex) Search(q LibraryQuery) ([]Resource, int) {
	words := berceau.QueryWords(q.Words)
	var docs []int32
	var scores []float32
	if len(words) == 0 {
		for d := range ix.entries {
			if q.keeps(ix.entries[d]) {
				docs = append(docs, int32(d))
			}
		}
	} else {
		scores = make([]float32, len(ix.entries))
		matched := make([]uint16, len(ix.entries))
		best := make([]float32, len(ix.entries))
		for n, word := range words {
			lo, hi := ix.wordRange(word)
			var touched []int32
			for i := lo; i < hi; i++ {
				w := float32(1)
				if ix.words[i] == word {
					w = 1.25 // a whole word counts a little more than its beginning
				}
				for _, p := range ix.postings[i] {
					if int(matched[p.doc]) != n {
						continue // missed an earlier word: out already
					}
					if best[p.doc] == 0 {
						touched = append(touched, p.doc)
					}
					best[p.doc] = max(best[p.doc], p.weight*w)
				}
			}
			for _, d := range touched {
				matched[d]++
				scores[d] += best[d]
				best[d] = 0
			}
		}
		for _, d := range ix.docsMatching(matched, len(words)) {
			if q.keeps(ix.entries[d]) {
				docs = append(docs, d)
			}
		}
		sort.SliceStable(docs, func(i, j int) bool { return scores[docs[i]] > scores[docs[j]] })
	}
	total := len(docs)
	if q.Offset >= total {
		return nil, total
	}
	docs = docs[q.Offset:]
	if q.Limit > 0 && len(docs) > q.Limit {
		docs = docs[:q.Limit]
	}
	out := make([]Resource, len(docs))
	for i, d := range docs {
		out[i] = ix.entries[d]
	}
	return out, total
}

// docsMatching lists, newest first, the documents that matched all n words.
func (ix *LibraryIndex) docsMatching(matched []uint16, n int) []int32 {
	var docs []int32
	for d, m := range matched {
		if int(m) == n {
			docs = append(docs, int32(d))
		}
	}
	return docs
}

// wordRange is the range of indexed words that begin with prefix.
func (ix *LibraryIndex) wordRange(prefix string) (int, int) {
	lo := sort.SearchStrings(ix.words, prefix)
	hi := lo
	for hi < len(ix.words) && strings.HasPrefix(ix.words[hi], prefix) {
		hi++
	}
	return lo, hi
}
