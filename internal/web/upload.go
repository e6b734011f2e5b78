package web

import (
	"io"
	"net/http"
)

// formFile reads the one file a multipart form sent in field, at most
// limit+1 bytes (the use case refuses what is over its limit with its own
// message); name and content are empty when no file was sent.
func formFile(r *http.Request, field string, limit int64) (name string, content []byte, err error) {
	if r.MultipartForm == nil {
		return "", nil, nil
	}
	files := r.MultipartForm.File[field]
	if len(files) != 1 {
		return "", nil, nil
	}
	f, err := files[0].Open()
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	content, err = io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return "", nil, err
	}
	return files[0].Filename, content, nil
}
