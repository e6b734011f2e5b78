package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/screening"
)

// runScreen evaluates one person's eligibility to a programme, offline: a
// JSON document on standard input (see internal/screening), the screening as
// JSON on standard output, explanations in --lang. It opens no database.
func runScreen(_ context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	var programme, thresholdsFile, lang string
	_, fs, err := parseFlagsWith("screen", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&programme, "programme", "", "the programme whose rulebook decides: "+strings.Join(care.Programmes, ", "))
		fs.StringVar(&thresholdsFile, "thresholds", "", "CSV table household_size,threshold of low-income thresholds (default: the embedded EXAMPLE table, not official figures)")
		fs.StringVar(&lang, "lang", i18n.Default, "language of the explanations and messages: "+strings.Join(i18n.Languages, ", "))
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	known := strings.Join(care.Programmes, ", ")
	switch {
	case fs.NArg() > 0:
		return usageError{fmt.Sprintf("screen reads its input from standard input and takes no arguments, got %q", fs.Args())}
	case programme == "":
		return usageError{"screen needs --programme (known programmes: " + known + ")"}
	case !i18n.Supported(lang):
		return usageError{fmt.Sprintf("--lang must be one of %s, not %q", strings.Join(i18n.Languages, ", "), lang)}
	}
	if _, ok := care.RulebookFor(programme, care.IncomeThresholds{}); !ok {
		return usageError{fmt.Sprintf("unknown programme %q: known programmes are %s", programme, known)}
	}
	thresholds := care.DefaultIncomeThresholds()
	if thresholdsFile != "" {
		if thresholds, err = readThresholds(thresholdsFile); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(stderr, "berceau screen: using the embedded EXAMPLE income thresholds, not official figures; give your region's table with --thresholds FILE.csv")
	}
	rulebook, _ := care.RulebookFor(programme, thresholds)

	bundle, err := i18n.Load(nil)
	if err != nil {
		return err
	}
	loc := bundle.Localizer(lang)
	in, err := screening.DecodeInput(stdin)
	if err != nil {
		var ie *screening.InputError
		if errors.As(err, &ie) {
			return errors.New(ie.Localize(loc))
		}
		return fmt.Errorf("reading standard input: %w", err)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(screening.Render(rulebook.Evaluate(in), loc))
}

func readThresholds(path string) (care.IncomeThresholds, error) {
	f, err := os.Open(path)
	if err != nil {
		return care.IncomeThresholds{}, fmt.Errorf("--thresholds: %w", err)
	}
	defer f.Close()
	t, err := care.ParseIncomeThresholds(f)
	if err != nil {
		return t, fmt.Errorf("--thresholds %s: %w", path, err)
	}
	return t, nil
}
