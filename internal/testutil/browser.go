package testutil

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Chromium finds the Chromium binary: BERCEAU_TEST_CHROMIUM, else the first
// of the usual names on PATH. Under CI a missing browser fails the test; on a
// developer's machine it skips it.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("BERCEAU_TEST_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium found: CI must install Debian's chromium package")
	}
	t.Skip("no Chromium found (install Debian's chromium package to run browser tests)")
	return ""
}

// NewBrowser starts a headless Chromium with a fresh profile whose
// Accept-Language is acceptLanguage, and returns a context to drive it for
// at most a minute.
func NewBrowser(t testing.TB, acceptLanguage string) context.Context {
	t.Helper()
	return NewBrowserFor(t, acceptLanguage, 60*time.Second)
}

// NewBrowserFor is NewBrowser for a walk that needs longer than a minute.
func NewBrowserFor(t testing.TB, acceptLanguage string, limit time.Duration) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		// The machine's network is closed: without these, Chromium keeps
		// trying to reach its own services.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("lang", acceptLanguage),
		chromedp.Flag("accept-lang", acceptLanguage),
		chromedp.WindowSize(1200, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return ctx
}
