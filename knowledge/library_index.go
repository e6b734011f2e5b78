package knowledge

import (
	"slices"
	"sort"
	"strings"
	"sync"
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

// BuildLibraryIndex indexes entries. Words get numbers as they are first
// met, so that each document's words are gathered without a map of its
// own; the numbers are then ordered alphabetically for prefix ranges.
func BuildLibraryIndex(entries []LibraryEntry) *LibraryIndex {
	sorted := append([]LibraryEntry(nil), entries...)
	sort.SliceStable(sorted, func(i, j int) bool { return newer(sorted[i].Resource, sorted[j].Resource) })
	ix := &LibraryIndex{entries: make([]Resource, len(sorted))}
	ids := map[string]int32{}
	var words []string
	var postings [][]posting
	var lastDoc []int32 // per word: the last document it was added for, +1
	add := func(doc int32, word string, w float32) {
		id, ok := ids[word]
		if !ok {
			id = int32(len(words))
			ids[word] = id
			words = append(words, word)
			postings = append(postings, nil)
			lastDoc = append(lastDoc, 0)
		}
		if lastDoc[id] == doc+1 {
			last := &postings[id][len(postings[id])-1]
			last.weight = max(last.weight, w)
			return
		}
		lastDoc[id] = doc + 1
		postings[id] = append(postings[id], posting{doc: doc, weight: w})
	}
	for d, e := range sorted {
		doc := int32(d)
		ix.entries[d] = e.Resource
		for _, lang := range ResourceLanguages {
			for _, word := range berceau.SearchWords(e.Resource.Title.Get(lang)) {
				add(doc, word, weightTitle)
			}
			for _, word := range berceau.SearchWords(e.Resource.Summary.Get(lang)) {
				add(doc, word, weightSummary)
			}
		}
		for rest := e.FileWords; rest != ""; {
			word, after, _ := strings.Cut(rest, " ")
			if word != "" {
				add(doc, word, weightBody)
			}
			rest = after
		}
	}
	order := make([]int32, len(words))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(i, j int) bool { return words[order[i]] < words[order[j]] })
	ix.words = make([]string, len(order))
	ix.postings = make([][]posting, len(order))
	for i, id := range order {
		ix.words[i], ix.postings[i] = words[id], postings[id]
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
func (q *LibraryQuery) keeps(r *Resource) bool {
	if !q.Reach.Sees(r) || (q.Kind != "" && r.Kind != q.Kind) || (q.Audience != "" && r.Audience != q.Audience) {
		return false
	}
	if q.Theme != "" && !slices.Contains(r.Themes, q.Theme) {
		return false
	}
	return q.Language == "" || slices.Contains(r.Languages, q.Language)
}

// scratch is one search's working memory, reused across searches.
type scratch struct {
	scores  []float32
	best    []float32
	matched []uint16
	touched []int32 // documents whose arrays hold something, to clear
	found   []int32
}

var scratchPool sync.Pool

func (ix *LibraryIndex) scratch() *scratch {
	sc, _ := scratchPool.Get().(*scratch)
	if sc == nil || len(sc.scores) != len(ix.entries) {
		n := len(ix.entries)
		sc = &scratch{scores: make([]float32, n), best: make([]float32, n), matched: make([]uint16, n)}
	}
	return sc
}

func (sc *scratch) release() {
	for _, d := range sc.touched {
		sc.scores[d], sc.best[d], sc.matched[d] = 0, 0, 0
	}
	sc.touched, sc.found = sc.touched[:0], sc.found[:0]
	scratchPool.Put(sc)
}

// Search returns the page of resources q asks for, best first (then
// newest first), and how many match in all.
func (ix *LibraryIndex) Search(q LibraryQuery) ([]Resource, int) {
	words := berceau.QueryWords(q.Words)
	sc := ix.scratch()
	defer sc.release()
	if len(words) == 0 {
		for d := range ix.entries {
			if q.keeps(&ix.entries[d]) {
				sc.found = append(sc.found, int32(d))
			}
		}
	} else {
		for _, d := range ix.match(words, sc) {
			if q.keeps(&ix.entries[d]) {
				sc.found = append(sc.found, d)
			}
		}
	}
	total := len(sc.found)
	want := total
	if q.Limit > 0 {
		want = min(total, q.Offset+q.Limit)
	}
	if len(words) > 0 {
		// The best want documents, by score then index order (newest first).
		better := func(a, b int32) bool {
			if sc.scores[a] != sc.scores[b] {
				return sc.scores[a] > sc.scores[b]
			}
			return a < b
		}
		if want < len(sc.found)/4 {
			top := make([]int32, 0, want+1)
			for _, d := range sc.found {
				if len(top) == want && !better(d, top[want-1]) {
					continue
				}
				i := sort.Search(len(top), func(i int) bool { return better(d, top[i]) })
				top = append(top, 0)
				copy(top[i+1:], top[i:])
				top[i] = d
				if len(top) > want {
					top = top[:want]
				}
			}
			sc.found = append(sc.found[:0], top...)
		} else {
			sort.Slice(sc.found, func(i, j int) bool { return better(sc.found[i], sc.found[j]) })
		}
	}
	if q.Offset >= want {
		return nil, total
	}
	page := sc.found[q.Offset:want]
	out := make([]Resource, len(page))
	for i, d := range page {
		out[i] = ix.entries[d]
	}
	return out, total
}

// match scores the documents holding every word (as a word's beginning)
// and returns them; every document it marks is in sc.touched, cleared on
// release.
func (ix *LibraryIndex) match(words []string, sc *scratch) []int32 {
	var last []int32
	for n, word := range words {
		lo, hi := ix.wordRange(word)
		start := len(sc.touched)
		for i := lo; i < hi; i++ {
			w := float32(1)
			if ix.words[i] == word {
				w = 1.25 // a whole word counts a little more than its beginning
			}
			for _, p := range ix.postings[i] {
				if int(sc.matched[p.doc]) != n {
					continue // missed an earlier word: out already
				}
				if sc.best[p.doc] == 0 {
					sc.touched = append(sc.touched, p.doc)
				}
				sc.best[p.doc] = max(sc.best[p.doc], p.weight*w)
			}
		}
		// The documents this word touched are those that matched every
		// word so far.
		last = sc.touched[start:]
		for _, d := range last {
			sc.matched[d]++
			sc.scores[d] += sc.best[d]
			sc.best[d] = 0
		}
	}
	return last
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
