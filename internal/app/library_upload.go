package app

import (
	"archive/zip"
	"bytes"
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/pdfdoc"
	"github.com/berceau/berceau/knowledge"
)

// An uploaded file is accepted only when its name's extension, the type
// the browser declared and the content itself agree: the content is
// sniffed (http.DetectContentType, then the inner structure of office
// files), never trusted from the name or the header. The type a file is
// served with is the one checked here.

// DefaultLibraryMaxFileBytes bounds one uploaded file unless the server
// sets another bound (--library-max-file-mb).
const DefaultLibraryMaxFileBytes = 20 << 20

// LibraryUpload is a file as uploaded: its name, the type the browser
// declared (may be empty) and its content.
type LibraryUpload struct {
	FileName     string
	DeclaredType string
	Content      []byte
}

// fileType is one kind of file the library takes.
type fileType struct {
	contentType string
	aliases     []string // other types browsers declare for it
	matches     func(content []byte) bool
}

func sniffed(want string) func([]byte) bool {
	return func(b []byte) bool { return http.DetectContentType(b) == want }
}

// ole2 is the signature of the older Microsoft Office files.
var ole2 = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func isOLE2(b []byte) bool { return bytes.HasPrefix(b, ole2) }

// officeZip checks an Office Open XML file: a zip holding
// [Content_Types].xml and its part folder (word/, xl/, ppt/).
func officeZip(folder string) func([]byte) bool {
	return func(b []byte) bool {
		z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return false
		}
		types, part := false, false
		for _, f := range z.File {
			types = types || f.Name == "[Content_Types].xml"
			part = part || strings.HasPrefix(f.Name, folder)
		}
		return types && part
	}
}

// openDocument checks an OpenDocument file: a zip whose "mimetype" entry
// names its type.
func openDocument(contentType string) func([]byte) bool {
	return func(b []byte) bool {
		z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return false
		}
		for _, f := range z.File {
			if f.Name != "mimetype" {
				continue
			}
			r, err := f.Open()
			if err != nil {
				return false
			}
			defer r.Close()
			got, err := io.ReadAll(io.LimitReader(r, 200))
			return err == nil && string(got) == contentType
		}
		return false
	}
}

// fileTypes are the files the library takes, by extension.
var fileTypes = map[string]fileType{
	".pdf":  {"application/pdf", []string{"application/x-pdf"}, sniffed("application/pdf")},
	".png":  {"image/png", nil, sniffed("image/png")},
	".jpg":  {"image/jpeg", []string{"image/jpg", "image/pjpeg"}, sniffed("image/jpeg")},
	".jpeg": {"image/jpeg", []string{"image/jpg", "image/pjpeg"}, sniffed("image/jpeg")},
	".gif":  {"image/gif", nil, sniffed("image/gif")},
	".webp": {"image/webp", nil, sniffed("image/webp")},
	".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", nil, officeZip("word/")},
	".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", nil, officeZip("xl/")},
	".pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation", nil, officeZip("ppt/")},
	".odt":  {"application/vnd.oasis.opendocument.text", nil, openDocument("application/vnd.oasis.opendocument.text")},
	".ods":  {"application/vnd.oasis.opendocument.spreadsheet", nil, openDocument("application/vnd.oasis.opendocument.spreadsheet")},
	".odp":  {"application/vnd.oasis.opendocument.presentation", nil, openDocument("application/vnd.oasis.opendocument.presentation")},
	".doc":  {"application/msword", nil, isOLE2},
	".xls":  {"application/vnd.ms-excel", nil, isOLE2},
	".ppt":  {"application/vnd.ms-powerpoint", nil, isOLE2},
}

// LibraryFileExtensions lists the extensions the library takes, for the
// upload form's accept attribute.
func LibraryFileExtensions() []string {
	return []string{".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".doc", ".xls", ".ppt", ".png", ".jpg", ".jpeg", ".gif", ".webp"}
}

// cleanFileName keeps the last element of an uploaded file's name, without
// control characters; empty when nothing usable is left.
func cleanFileName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = strings.TrimSpace(filepath.Base(name))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	if name == "." || name == "/" || name == ".." {
		return ""
	}
	return name
}

// checkUpload checks an uploaded file and returns its clean name and the
// type it is served with.
func checkUpload(u LibraryUpload, maxBytes int64) (name, contentType string, err error) {
	invalid := func(key string) (string, string, error) {
		return "", "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"file": key}}
	}
	if len(u.Content) == 0 {
		return invalid("library.error.file_required")
	}
	if int64(len(u.Content)) > maxBytes {
		return invalid("library.error.file_size")
	}
	name = cleanFileName(u.FileName)
	if name == "" || utf8.RuneCountInString(name) > knowledge.MaxFileName {
		return invalid("library.error.file_name")
	}
	ft, ok := fileTypes[strings.ToLower(filepath.Ext(name))]
	if !ok {
		return invalid("library.error.file_type")
	}
	declared, _, _ := mime.ParseMediaType(u.DeclaredType)
	if declared != "" && declared != "application/octet-stream" && declared != ft.contentType {
		known := false
		for _, a := range ft.aliases {
			known = known || declared == a
		}
		if !known {
			return invalid("library.error.file_mismatch")
		}
	}
	if !ft.matches(u.Content) {
		return invalid("library.error.file_mismatch")
	}
	return name, ft.contentType, nil
}

// fileWords are the words search matches inside a file: the text of a PDF.
func fileWords(contentType string, content []byte) string {
	if contentType != "application/pdf" {
		return ""
	}
	return knowledge.DocumentWords(pdfdoc.Text(content, knowledge.MaxDocumentText))
}
