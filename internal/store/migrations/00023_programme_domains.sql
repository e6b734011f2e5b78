-- +goose Up
-- A programme's action-plan domains are configuration: its orientations
-- (orientation_code '') and each one's sub-objectives, named in French and
-- English. SIPPE's are those of its reference framework (section 4), which
-- the "1000 days" programme shares; a social pediatrics centre (CSPC) has its
-- own, around the child's overall picture (health and development, family,
-- living environment, rights). A code names the same domain in every
-- programme that has it, so a goal keeps its name if its family changes
-- programme.
CREATE TABLE programme_domains (
    programme_id     {{bigint}} NOT NULL REFERENCES programmes (id),
    code             TEXT NOT NULL,
    orientation_code TEXT NOT NULL DEFAULT '',
    position         INTEGER NOT NULL,
    name_fr          TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    PRIMARY KEY (programme_id, code)
);
INSERT INTO programme_domains (programme_id, code, orientation_code, position, name_fr, name_en)
    SELECT id, 'health', '', 1, 'Améliorer l’état de santé des bébés à naître, des enfants, des femmes enceintes et des parents', 'Improve the health of unborn babies, children, pregnant women and parents' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'lifestyle', 'health', 2, 'Habitudes de vie de la femme enceinte et de sa famille (alimentation, tabac, drogues et alcool, activité physique)', 'Lifestyle of the pregnant woman and her family (food, tobacco, drugs and alcohol, physical activity)' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'health_follow_up', 'health', 3, 'Suivis de santé physique et mentale (planification des naissances, santé dentaire, vaccination, sexualité sécuritaire)', 'Physical and mental health follow-up (family planning, dental health, vaccination, safer sex)' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'home_safety', 'health', 4, 'Sécurité à domicile', 'Safety at home' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'child_development', '', 5, 'Favoriser le développement optimal des enfants', 'Foster children’s optimal development' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'breastfeeding', 'child_development', 6, 'Décision éclairée quant à l’allaitement', 'An informed decision about breastfeeding' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'attachment', 'child_development', 7, 'Lien d’attachement parents-enfant', 'Parent-child attachment' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'positive_parenting', 'child_development', 8, 'Pratiques parentales positives', 'Positive parenting practices' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'stimulation', 'child_development', 9, 'Développement cognitif (dont le langage), affectif, social et psychomoteur', 'Cognitive (including language), emotional, social and psychomotor development' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'living_conditions', '', 10, 'Améliorer les conditions de vie des parents et des enfants', 'Improve the living conditions of parents and children' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'social_support', 'living_conditions', 11, 'Réseaux de soutien social', 'Social support networks' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'socio_professional', 'living_conditions', 12, 'Intégration socioprofessionnelle des parents selon leur projet de vie', 'Parents’ socio-professional integration along their life project' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'access_services', 'living_conditions', 13, 'Accès aux services de santé mentale et physique et aux services de la communauté', 'Access to mental and physical health services and community services' FROM programmes WHERE slug IN ('sippe', 'mille-jours')
UNION ALL
    SELECT id, 'cspc_health', '', 1, 'Santé et développement de l’enfant', 'The child’s health and development' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_medical_follow_up', 'cspc_health', 2, 'Suivi médical, vaccination et soins', 'Medical follow-up, vaccination and care' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_development', 'cspc_health', 3, 'Développement moteur, langagier, cognitif et socio-affectif', 'Motor, language, cognitive and socio-emotional development' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_specialised_care', 'cspc_health', 4, 'Accès aux soins spécialisés (orthophonie, psychologie, ergothérapie)', 'Access to specialised care (speech therapy, psychology, occupational therapy)' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_family', '', 5, 'La famille et les personnes importantes pour l’enfant', 'The family and the people who matter to the child' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_bond', 'cspc_family', 6, 'Lien parent-enfant et pratiques parentales', 'Parent-child bond and parenting practices' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_parent_wellbeing', 'cspc_family', 7, 'Santé et bien-être des parents', 'Parents’ health and well-being' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_support_network', 'cspc_family', 8, 'Réseau de soutien et personnes significatives', 'Support network and significant people' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_environment', '', 9, 'Milieu de vie et conditions de vie', 'Living environment and conditions' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_housing_food', 'cspc_environment', 10, 'Logement, alimentation et revenu', 'Housing, food and income' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_daycare_school', 'cspc_environment', 11, 'Intégration à la garderie et à l’école', 'Integration into daycare and school' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_community', 'cspc_environment', 12, 'Activités dans la communauté (loisirs, culture, sport)', 'Community activities (leisure, culture, sport)' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_rights', '', 13, 'Droits de l’enfant et soutien juridique', 'The child’s rights and legal support' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_legal_support', 'cspc_rights', 14, 'Accompagnement juridique et médiation', 'Legal support and mediation' FROM programmes WHERE slug IN ('cspc')
UNION ALL
    SELECT id, 'cspc_protection', 'cspc_rights', 15, 'Sécurité et protection de l’enfant', 'The child’s safety and protection' FROM programmes WHERE slug IN ('cspc');

-- +goose Down
DROP TABLE programme_domains;
