// Package i18n owns Berceau's languages: the French, English and Dutch
// message catalogs, language negotiation among the languages a network
// enables, and locale-aware formatting. French is the default.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

//go:embed locales/*.toml
var catalogs embed.FS

// Default is the language used when nothing else decides.
const Default = "fr"

// Languages lists the languages with catalogs, default first: a network
// enables some of them (berceau.NetworkLanguages), and pages negotiate among
// those only. A language joins this list once its catalogs hold every key
// of the French ones (TestEveryKeyExistsInEveryLanguage).
var Languages = []string{"fr", "en", "nl"}

// Bundle holds the loaded catalogs.
type Bundle struct {
	bundle     *goi18n.Bundle
	matchers   sync.Map // the enabled languages, joined → language.Matcher
	localizers map[string]*Localizer
	log        *slog.Logger
}

// parsedCatalogs reads the embedded catalogs once per process: they
// never change, and a loaded goi18n bundle is only read afterwards (a test
// process loads hundreds of Bundles).
var parsedCatalogs = sync.OnceValues(func() (*goi18n.Bundle, error) {
	b := goi18n.NewBundle(language.French)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, lang := range Languages {
		files, err := catalogFiles(lang)
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		for _, f := range files {
			if _, err := b.LoadMessageFileFS(catalogs, f); err != nil {
				return nil, fmt.Errorf("i18n: %w", err)
			}
		}
	}
	return b, nil
})

// Load reads the embedded catalogs.
func Load(log *slog.Logger) (*Bundle, error) {
	b, err := parsedCatalogs()
	if err != nil {
		return nil, err
	}
	bundle := &Bundle{bundle: b, localizers: map[string]*Localizer{}, log: log}
	for _, lang := range Languages {
		bundle.localizers[lang] = &Localizer{lang: lang, localizer: goi18n.NewLocalizer(b, lang),
			printer: message.NewPrinter(language.MustParse(lang)), log: log}
	}
	return bundle, nil
}

// Supported reports whether lang is one of the languages with catalogs
// (enabled or not: see berceau.NetworkLanguages for a network's).
func Supported(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Negotiate picks, among the network's enabled languages (the default
// first), the one an Accept-Language header prefers, or the default: a
// Dutch browser reads Dutch only where the network enables it. No enabled
// language at all means French.
func (b *Bundle) Negotiate(acceptLanguage string, enabled []string) string {
	if len(enabled) == 0 {
		enabled = []string{Default}
	}
	def := enabled[0]
	if acceptLanguage == "" {
		return def
	}
	prefs, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(prefs) == 0 {
		return def
	}
	_, index, confidence := b.matcher(enabled).Match(prefs...)
	if confidence == language.No {
		return def
	}
	return enabled[index]
}

// matcher matches among enabled, built once per set of languages.
func (b *Bundle) matcher(enabled []string) language.Matcher {
	key := strings.Join(enabled, ",")
	if m, ok := b.matchers.Load(key); ok {
		return m.(language.Matcher)
	}
	tags := make([]language.Tag, len(enabled))
	for i, code := range enabled {
		tags[i] = language.Make(code)
	}
	m := language.NewMatcher(tags)
	b.matchers.Store(key, m)
	return m
}

// Complete reports whether lang's catalogs hold every key of the French
// ones: only such a language may be enabled (a missing key would show
// itself, raw, on a page).
func Complete(lang string) bool {
	completeOnce.Do(func() {
		completeLangs = map[string]bool{}
		fr, err := Keys(Default)
		if err != nil {
			return
		}
		for _, l := range Languages {
			keys, err := Keys(l)
			if err != nil {
				continue
			}
			have := make(map[string]bool, len(keys))
			for _, k := range keys {
				have[k] = true
			}
			complete := true
			for _, k := range fr {
				complete = complete && have[k]
			}
			completeLangs[l] = complete
		}
	})
	return completeLangs[lang]
}

var (
	completeOnce  sync.Once
	completeLangs map[string]bool
)

// Localizer returns the localizer of lang (the default's if lang is unknown).
func (b *Bundle) Localizer(lang string) *Localizer {
	if l, ok := b.localizers[lang]; ok {
		return l
	}
	return b.localizers[Default]
}

// Keys lists the message ids of one language's catalog, sorted (tests).
func Keys(lang string) ([]string, error) {
	files, err := catalogFiles(lang)
	if err != nil {
		return nil, err
	}
	var keys []string
	for _, f := range files {
		data, err := fs.ReadFile(catalogs, f)
		if err != nil {
			return nil, err
		}
		var raw map[string]any
		if err := toml.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		collectKeys("", raw, &keys)
	}
	sort.Strings(keys)
	for i := 1; i < len(keys); i++ {
		if keys[i] == keys[i-1] {
			return nil, fmt.Errorf("i18n: %s is defined twice in the %s catalogs", keys[i], lang)
		}
	}
	return keys, nil
}

// PluralForms lists, for each plural message of one language's catalogs,
// the forms it defines ("one", "other"…), sorted (tests).
func PluralForms(lang string) (map[string][]string, error) {
	files, err := catalogFiles(lang)
	if err != nil {
		return nil, err
	}
	forms := map[string][]string{}
	for _, f := range files {
		data, err := fs.ReadFile(catalogs, f)
		if err != nil {
			return nil, err
		}
		var raw map[string]any
		if err := toml.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		collectPlurals("", raw, forms)
	}
	return forms, nil
}

// Placeholders lists, for each message of one language's catalogs, the
// template fields it uses ({{.Count}}, {{.Name}}), across its plural forms,
// sorted and without repeats (tests: a translation uses the same ones).
func Placeholders(lang string) (map[string][]string, error) {
	files, err := catalogFiles(lang)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, f := range files {
		data, err := fs.ReadFile(catalogs, f)
		if err != nil {
			return nil, err
		}
		var raw map[string]any
		if err := toml.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		collectPlaceholders("", raw, out)
	}
	return out, nil
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

func collectPlaceholders(prefix string, m map[string]any, out map[string][]string) {
	for k, v := range m {
		id := k
		if prefix != "" {
			id = prefix + "." + k
		}
		var texts []string
		switch x := v.(type) {
		case string:
			texts = []string{x}
		case map[string]any:
			if !isPlural(x) {
				collectPlaceholders(id, x, out)
				continue
			}
			for _, form := range x {
				if s, ok := form.(string); ok {
					texts = append(texts, s)
				}
			}
		}
		seen := map[string]bool{}
		fields := []string{}
		for _, text := range texts {
			for _, match := range placeholder.FindAllStringSubmatch(text, -1) {
				if !seen[match[1]] {
					seen[match[1]] = true
					fields = append(fields, match[1])
				}
			}
		}
		sort.Strings(fields)
		out[id] = fields
	}
}

func collectPlurals(prefix string, m map[string]any, forms map[string][]string) {
	for k, v := range m {
		id := k
		if prefix != "" {
			id = prefix + "." + k
		}
		sub, ok := v.(map[string]any)
		if !ok {
			continue
		}
		if isPlural(sub) {
			for form := range sub {
				forms[id] = append(forms[id], form)
			}
			sort.Strings(forms[id])
		} else {
			collectPlurals(id, sub, forms)
		}
	}
}

func isPlural(m map[string]any) bool {
	plural := len(m) > 0
	for form := range m {
		plural = plural && pluralForms[form]
	}
	return plural
}

// catalogFiles lists one language's catalog files: locales/LANG.toml and
// one locales/AREA.LANG.toml per area of the product that keeps its own
// strings (the directory, for example), so areas do not share one file.
func catalogFiles(lang string) ([]string, error) {
	files := []string{"locales/" + lang + ".toml"}
	areas, err := fs.Glob(catalogs, "locales/*."+lang+".toml")
	if err != nil {
		return nil, err
	}
	sort.Strings(areas)
	return append(files, areas...), nil
}

var pluralForms = map[string]bool{"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true}

func collectKeys(prefix string, m map[string]any, keys *[]string) {
	for k, v := range m {
		id := k
		if prefix != "" {
			id = prefix + "." + k
		}
		sub, ok := v.(map[string]any)
		if !ok {
			*keys = append(*keys, id)
			continue
		}
		if isPlural(sub) {
			*keys = append(*keys, id)
		} else {
			collectKeys(id, sub, keys)
		}
	}
}

// Localizer translates messages into one language.
type Localizer struct {
	lang      string
	localizer *goi18n.Localizer
	printer   *message.Printer // numbers in the language's way
	log       *slog.Logger
	// plain keeps the messages without arguments once translated: the
	// catalogs are embedded and never change, and a page asks for the same
	// few hundred labels on every view (go-i18n's Localize was about 5 % of
	// a family page's CPU).
	plain sync.Map // key → string
}

// Lang is the localizer's language code.
func (l *Localizer) Lang() string { return l.lang }

// T translates key. args are name/value pairs for the message's template;
// a pair named "Count" also chooses the plural form.
func (l *Localizer) T(key string, args ...any) string {
	msg, ok := l.Lookup(key, args...)
	if !ok {
		// Tests keep catalogs complete; in production show the key rather
		// than an empty string, and say so once in the logs.
		if l.log != nil {
			l.log.Warn("missing translation", "lang", l.lang, "key", key)
		}
		return strings.TrimSpace(key)
	}
	return msg
}

// count writes a whole count the language's way ("12 345", "12,345");
// anything else is left to the message's template.
func (l *Localizer) count(v any) any {
	switch n := v.(type) {
	case int:
		return l.printer.Sprint(number.Decimal(n))
	case int64:
		return l.printer.Sprint(number.Decimal(n))
	}
	return v
}

// Lookup translates key like T, and reports whether the catalogs know it,
// for text that names a code only when the catalogs have a name for it.
func (l *Localizer) Lookup(key string, args ...any) (string, bool) {
	if len(args) == 0 {
		if msg, ok := l.plain.Load(key); ok {
			return msg.(string), true
		}
	}
	cfg := &goi18n.LocalizeConfig{MessageID: key}
	if len(args) > 0 {
		data := make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			name := fmt.Sprint(args[i])
			data[name] = args[i+1]
			if name == "Count" {
				cfg.PluralCount = args[i+1]
				data[name] = l.count(args[i+1])
			}
		}
		cfg.TemplateData = data
	}
	msg, err := l.localizer.Localize(cfg)
	if err != nil && cfg.PluralCount != nil {
		// A count whose form the message lacks (French "many" for a
		// million) reads well enough in the "other" form, which every
		// plural message has: 2 is "other" in both languages.
		cfg.PluralCount = 2
		if other, otherErr := l.localizer.Localize(cfg); otherErr == nil {
			msg, err = other, nil
		}
	}
	if err == nil && len(args) == 0 {
		l.plain.Store(key, msg)
	}
	return msg, err == nil
}
