package app

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/pdfdoc"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// libraryOrg is a demo directory organisation the tests publish for.
var libraryOrg = directory.NameUUID("demo-org:lucioles")

func testPDF(t *testing.T, title string, paragraphs ...string) []byte {
	t.Helper()
	d := pdfdoc.New(title, "Berceau", "fr")
	d.Title(title)
	for _, p := range paragraphs {
		d.Paragraph(p)
	}
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func testResource(title string, audience knowledge.Audience) knowledge.Resource {
	return knowledge.Resource{Kind: knowledge.ResourceGuide, Title: berceau.TextOf("fr", title), Summary: berceau.TextOf("fr", "Résumé."),
		Themes: []string{"postnatal-care"}, Languages: []string{"fr"}, Audience: audience, OrganizationID: libraryOrg, Licence: "cc-by"}
}

func publishPDF(t *testing.T, a *App, editor berceau.Actor, r knowledge.Resource, content []byte) knowledge.Resource {
	t.Helper()
	r, err := a.Library.Publish(context.Background(), editor, r, &LibraryUpload{FileName: "guide.pdf", DeclaredType: "application/pdf", Content: content})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func titlesOf(res LibraryResults) []string {
	var out []string
	for _, it := range res.Items {
		out = append(out, it.Resource.Title.String())
	}
	return out
}

// TestLibrarySearchFindsWordsInsidePDFsWithoutAccentsAndByPrefix: a word
// that is only inside a PDF finds it, with or without its accents, in
// capitals, by its beginning, in French and in English; filters narrow;
// both engines give the same results.
func TestLibrarySearchFindsWordsInsidePDFsWithoutAccentsAndByPrefix(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	byEngine := map[string][][]string{}
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		editor := actor(editorEmail)
		publishPDF(t, a, editor, testResource("Fiche pratique zorglub", knowledge.AudiencePublic),
			testPDF(t, "Fiche", "La kérosénique sécurité du nourrisson passe par un coucher sur le dos.", "Safe sleep: babies sleep on their back, in a quibblewick crib."))
		other := testResource("Autre fiche zorglub", knowledge.AudiencePublic)
		other.Kind, other.Themes, other.Languages = knowledge.ResourceTool, []string{"breastfeeding"}, []string{"en"}
		publishPDF(t, a, editor, other, testPDF(t, "Other", "Breastfeeding positions and the baby's latch, grumbleweed."))
		var results [][]string
		for _, c := range []struct {
			q    knowledge.LibraryQuery
			want []string
		}{
			{knowledge.LibraryQuery{Words: "kérosénique nourrisson"}, []string{"Fiche pratique zorglub"}},
			{knowledge.LibraryQuery{Words: "kerosenique"}, []string{"Fiche pratique zorglub"}},
			{knowledge.LibraryQuery{Words: "KÉROS"}, []string{"Fiche pratique zorglub"}},
			{knowledge.LibraryQuery{Words: "quibblew"}, []string{"Fiche pratique zorglub"}},
			{knowledge.LibraryQuery{Words: "grumbleweed"}, []string{"Autre fiche zorglub"}},
			{knowledge.LibraryQuery{Words: "grumbleweed", Language: "fr"}, nil},
			{knowledge.LibraryQuery{Words: "zorglub", Kind: knowledge.ResourceTool}, []string{"Autre fiche zorglub"}},
			{knowledge.LibraryQuery{Words: "zorglub", Theme: "postnatal-care"}, []string{"Fiche pratique zorglub"}},
			{knowledge.LibraryQuery{Words: "kerosenique nowhereword"}, nil},
			{knowledge.LibraryQuery{Words: "zorglub securite"}, []string{"Fiche pratique zorglub"}},
		} {
			res, err := a.Library.Search(ctx, berceau.Actor{}, c.q)
			if err != nil {
				t.Fatal(err)
			}
			got := titlesOf(res)
			if !slices.Equal(got, c.want) {
				t.Errorf("%+v: %v, want %v", c.q, got, c.want)
			}
			results = append(results, got)
		}
		mu.Lock()
		byEngine[st.Engine()] = results
		mu.Unlock()
	})
	if sq, pg := byEngine["sqlite"], byEngine["postgres"]; sq != nil && pg != nil {
		for i := range sq {
			if !slices.Equal(sq[i], pg[i]) {
				t.Errorf("query %d: SQLite %v, PostgreSQL %v", i, sq[i], pg[i])
			}
		}
	}
}

// TestMembersOnlyResourcesNeverReachAnonymousVisitors: a members' resource
// and one organisation's staff resource are not found by anonymous
// visitors — page, file, search, the portal's public source — nor the staff
// one by a member of another organisation.
func TestMembersOnlyResourcesNeverReachAnonymousVisitors(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		editor, member := actor(editorEmail), actor(memberEmail)
		members := publishPDF(t, a, editor, testResource("Protocole confidentiel", knowledge.AudienceMembers), testPDF(t, "P", "Zanzibarique."))
		staffOnly := testResource("Procédure interne", knowledge.AudienceStaff)
		staffOnly.AudienceOrganizationID = libraryOrg
		staff := publishPDF(t, a, editor, staffOnly, testPDF(t, "P", "Zanzibarique interne."))
		public := publishPDF(t, a, editor, testResource("Guide public", knowledge.AudiencePublic), testPDF(t, "P", "Zanzibarique public."))

		anonymous := berceau.Actor{}
		for _, id := range []int64{members.ID, staff.ID} {
			if _, err := a.Library.Resource(ctx, anonymous, id); !berceau.IsNotFound(err) {
				t.Errorf("anonymous reads resource %d: %v, want not found", id, err)
			}
			if f, err := a.Library.File(ctx, anonymous, id, 1); !berceau.IsNotFound(err) {
				if err == nil {
					f.Content.Close()
				}
				t.Errorf("anonymous downloads resource %d: %v, want not found", id, err)
			}
		}
		res, err := a.Library.Search(ctx, anonymous, knowledge.LibraryQuery{Words: "zanzibarique"})
		if err != nil || !slices.Equal(titlesOf(res), []string{"Guide public"}) || res.Total != 1 {
			t.Errorf("anonymous search: %v (%d), %v; want the public guide only", titlesOf(res), res.Total, err)
		}
		for _, q := range []knowledge.LibraryQuery{{Words: "zanzibarique", Audience: knowledge.AudienceMembers}, {Audience: knowledge.AudienceStaff}} {
			if res, _ := a.Library.Search(ctx, anonymous, q); res.Total != 0 {
				t.Errorf("anonymous search filtered on %s: %v", q.Audience, titlesOf(res))
			}
		}
		hits, err := a.Library.SearchPublic(ctx, PublicQuery{Lang: "fr", Words: "zanzibarique"})
		if err != nil || len(hits) != 1 || hits[0].URL != "/library/"+strconv.FormatInt(public.ID, 10) {
			t.Errorf("public source search: %+v, %v; want the public guide only", hits, err)
		}
		featured, err := a.Library.FeaturedPublic(ctx, "fr", 50)
		for _, h := range featured {
			if h.Title == "Protocole confidentiel" || h.Title == "Procédure interne" {
				t.Errorf("the home page features %q", h.Title)
			}
		}
		if err != nil || len(featured) == 0 {
			t.Errorf("featured: %d, %v", len(featured), err)
		}
		// A member reads members' resources, not another organisation's staff ones.
		if _, err := a.Library.Resource(ctx, member, members.ID); err != nil {
			t.Errorf("member reads a members' resource: %v", err)
		}
		if _, err := a.Library.Resource(ctx, member, staff.ID); !berceau.IsNotFound(err) {
			t.Errorf("member of another organisation reads a staff resource: %v, want not found", err)
		}
		res, _ = a.Library.Search(ctx, member, knowledge.LibraryQuery{Words: "zanzibarique"})
		if !slices.Equal(titlesOf(res), []string{"Guide public", "Protocole confidentiel"}) && !slices.Equal(titlesOf(res), []string{"Protocole confidentiel", "Guide public"}) {
			t.Errorf("member search: %v", titlesOf(res))
		}
		// Made members-only, the public guide leaves public search at once.
		public.Audience = knowledge.AudienceMembers
		if _, err := a.Library.Update(ctx, editor, public); err != nil {
			t.Fatal(err)
		}
		if hits, _ := a.Library.SearchPublic(ctx, PublicQuery{Lang: "fr", Words: "zanzibarique"}); len(hits) != 0 {
			t.Errorf("after the change, public search still gives %+v", hits)
		}
	})
}

func zipWith(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := z.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte("<x/>"))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestAnUploadWhoseContentIsNotItsTypeIsRefused: the extension, the
// declared type and the sniffed content must agree; nothing is published
// otherwise.
func TestAnUploadWhoseContentIsNotItsTypeIsRefused(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		editor := actor(editorEmail)
		pdf := testPDF(t, "Vrai PDF", "Texte.")
		docx := zipWith(t, "[Content_Types].xml", "word/document.xml")
		for _, c := range []struct {
			name     string
			upload   LibraryUpload
			wantKey  string
			accepted bool
		}{
			{"html named .pdf", LibraryUpload{"guide.pdf", "application/pdf", []byte("<html><script>alert(1)</script></html>")}, "library.error.file_mismatch", false},
			{"pdf declared png", LibraryUpload{"guide.pdf", "image/png", pdf}, "library.error.file_mismatch", false},
			{"pdf named .png", LibraryUpload{"affiche.png", "image/png", pdf}, "library.error.file_mismatch", false},
			{"plain zip named .docx", LibraryUpload{"fiche.docx", "", zipWith(t, "a.txt")}, "library.error.file_mismatch", false},
			{"docx named .xlsx", LibraryUpload{"fiche.xlsx", "", docx}, "library.error.file_mismatch", false},
			{"executable", LibraryUpload{"outil.exe", "application/octet-stream", []byte("MZ\x90\x00")}, "library.error.file_type", false},
			{"empty", LibraryUpload{"vide.pdf", "application/pdf", nil}, "library.error.file_required", false},
			{"real pdf", LibraryUpload{"guide.pdf", "application/pdf", pdf}, "", true},
			{"real docx", LibraryUpload{"fiche.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx}, "", true},
		} {
			up := c.upload
			_, err := a.Library.Publish(ctx, editor, testResource(c.name, knowledge.AudiencePublic), &up)
			if c.accepted {
				if err != nil {
					t.Errorf("%s: %v, want accepted", c.name, err)
				}
				continue
			}
			var de *berceau.Error
			if !errors.As(err, &de) || de.Fields["file"] != c.wantKey {
				t.Errorf("%s: %v, want the file refused with %s", c.name, err, c.wantKey)
			}
		}
		res, _ := a.Library.Search(ctx, editor, knowledge.LibraryQuery{})
		for _, title := range titlesOf(res) {
			if title != "real pdf" && title != "real docx" && title != "" && !isDemoTitle(title) {
				t.Errorf("refused upload %q was published", title)
			}
		}
		// Above the size limit.
		small := New(st, a.log, Options{Hasher: cheapHasher, SecretBox: testBox, LibraryMaxFileBytes: 1024})
		t.Cleanup(small.Close)
		up := LibraryUpload{"guide.pdf", "application/pdf", pdf}
		_, err := small.Library.Publish(ctx, editor, testResource("trop gros", knowledge.AudiencePublic), &up)
		var de *berceau.Error
		if !errors.As(err, &de) || de.Fields["file"] != "library.error.file_size" {
			t.Errorf("a file over the limit: %v", err)
		}
	})
}

func isDemoTitle(title string) bool {
	for _, d := range []string{"Guide", "Fiche", "Repérer", "Outil", "Carnet", "Liste", "Rapport", "Affiche", "Vidéo", "Naître", "Office"} {
		if len(title) >= len(d) && title[:len(d)] == d {
			return true
		}
	}
	return false
}

// TestANewVersionSupersedesTheOldOneWhichStaysDownloadable: the old file
// comes back byte for byte, marked superseded; search reads the new text;
// publication, new version, change and deletion are each audited; a
// deleted document's file leaves the files folder.
func TestANewVersionSupersedesTheOldOneWhichStaysDownloadable(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		editor := actor(editorEmail)
		v1 := testPDF(t, "Version 1", "Ancienne posologie quokkaire.")
		v2 := testPDF(t, "Version 2", "Nouvelle posologie wombatique.")
		r := publishPDF(t, a, editor, testResource("Protocole", knowledge.AudiencePublic), v1)
		if _, err := a.Library.AddVersion(ctx, editor, r.ID, LibraryUpload{"protocole-v2.pdf", "application/pdf", v2}, "Posologie corrigée"); err != nil {
			t.Fatal(err)
		}
		d, err := a.Library.Resource(ctx, berceau.Actor{}, r.ID)
		if err != nil || len(d.Versions) != 2 || d.Versions[0].Number != 2 || d.Versions[0].Superseded || !d.Versions[1].Superseded ||
			d.Versions[0].ChangeNote != "Posologie corrigée" {
			t.Fatalf("versions %+v, %v", d.Versions, err)
		}
		for n, want := range map[int][]byte{1: v1, 2: v2} {
			f, err := a.Library.File(ctx, berceau.Actor{}, r.ID, n)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(f.Content)
			f.Content.Close()
			if !bytes.Equal(got, want) || f.Version.Superseded != (n == 1) {
				t.Errorf("version %d: %d bytes (superseded %v), want the %d bytes uploaded", n, len(got), f.Version.Superseded, len(want))
			}
		}
		if res, _ := a.Library.Search(ctx, berceau.Actor{}, knowledge.LibraryQuery{Words: "wombatique"}); res.Total != 1 {
			t.Errorf("the new version's words: %d results", res.Total)
		}
		if res, _ := a.Library.Search(ctx, berceau.Actor{}, knowledge.LibraryQuery{Words: "quokkaire"}); res.Total != 0 {
			t.Errorf("the superseded version's words still find it: %d results", res.Total)
		}
		r.Title = berceau.TextOf("fr", "Protocole révisé")
		if _, err := a.Library.Update(ctx, editor, r); err != nil {
			t.Fatal(err)
		}
		hashes := []string{d.Versions[0].SHA256, d.Versions[1].SHA256}
		if err := a.Library.Delete(ctx, editor, r.ID); err != nil {
			t.Fatal(err)
		}
		files, _ := st.Files()
		for _, h := range hashes {
			if f, err := files.Open(h); err == nil {
				f.Close()
				t.Errorf("file %s of the deleted document is still there", h)
			}
		}
		var page berceau.AuditPage
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			page, err = tx.ListAudit(ctx, berceau.AuditFilter{Action: "library.", ObjectType: "resource", ObjectID: strconv.FormatInt(r.ID, 10)})
			return err
		})
		var actions []string
		for _, e := range page.Entries {
			actions = append(actions, e.Action)
		}
		slices.Sort(actions)
		if !slices.Equal(actions, []string{"library.delete", "library.publish", "library.update", "library.version"}) {
			t.Errorf("audit of the resource: %v", actions)
		}
	})
}
