package pdfdoc

import (
	"bytes"
	"io"

	"github.com/ledongthuc/pdf"
)

// Text extracts the plain text of a PDF (github.com/ledongthuc/pdf), at
// most limit bytes of it. A PDF the reader cannot read gives no text, not
// an error: the caller still has the file, only not its words.
func Text(content []byte, limit int64) (text string) {
	defer func() {
		if recover() != nil { // the reader panics on some malformed files
			text = ""
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return ""
	}
	plain, err := r.GetPlainText()
	if err != nil {
		return ""
	}
	b, err := io.ReadAll(io.LimitReader(plain, limit))
	if err != nil {
		return ""
	}
	return string(b)
}
