package web

import "github.com/berceau/berceau"

// outreachRoutes are the outreach register: its public list, entries and
// citation exports; the editors' forms and BibTeX import (knowledge.edit).
func (s *Server) outreachRoutes() []route {
	return []route{
		{"GET /outreach", berceau.PermPublic, s.handleOutreachList},
		{"GET /outreach/export.bib", berceau.PermPublic, s.handleOutreachExport},
		{"GET /outreach/export.ris", berceau.PermPublic, s.handleOutreachExport},
		{"GET /outreach/export.json", berceau.PermPublic, s.handleOutreachExport},
		{"GET /outreach/{id}", berceau.PermPublic, s.handleOutreachEntry},
		{"GET /outreach/{id}/cite.bib", berceau.PermPublic, s.handleOutreachCite},
		{"GET /outreach/{id}/cite.ris", berceau.PermPublic, s.handleOutreachCite},
		{"GET /outreach/{id}/cite.json", berceau.PermPublic, s.handleOutreachCite},

		{"GET /outreach/new", berceau.PermKnowledgeEdit, s.handleOutreachNew},
		{"POST /outreach", berceau.PermKnowledgeEdit, s.handleOutreachSave},
		{"GET /outreach/{id}/edit", berceau.PermKnowledgeEdit, s.handleOutreachEdit},
		{"POST /outreach/{id}", berceau.PermKnowledgeEdit, s.handleOutreachSave},
		{"POST /outreach/{id}/delete", berceau.PermKnowledgeEdit, s.handleOutreachDelete},
		{"GET /outreach/import", berceau.PermKnowledgeEdit, s.handleOutreachImportForm},
		{"POST /outreach/import", berceau.PermKnowledgeEdit, s.handleOutreachImport},
	}
}
