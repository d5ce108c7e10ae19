import type { CodesignPhaseKind, CodesignTemplate, CodesignToolKind } from '../../../db/schema.ts';

/**
 * The templates a project's phases are made from: each phase with a plain default title and
 * description (changed on the project as the organisers like) and the tools the editor suggests
 * for it. 'custom' starts with one phase the organisers name themselves.
 */
export interface PhaseTemplate {
  kind: CodesignPhaseKind;
  title: string;
  description: string;
  /** the tools the phase editor offers first */
  suggestedTools: readonly CodesignToolKind[];
}

export const phaseDefaults: Record<CodesignPhaseKind, PhaseTemplate> = {
  needs: {
    kind: 'needs',
    title: 'Bedarf klären',
    description:
      'Wir fragen, was fehlt und was gut läuft. Jede Stimme zählt – auch auf Papier oder am Telefon.',
    suggestedTools: ['survey', 'meeting', 'ideas'],
  },
  goals: {
    kind: 'goals',
    title: 'Ziele vereinbaren',
    description: 'Wir einigen uns, was sich ändern soll und woran wir merken, dass es besser ist.',
    suggestedTools: ['consensus', 'ranking', 'meeting'],
  },
  ideas: {
    kind: 'ideas',
    title: 'Ideen sammeln',
    description: 'Alle können Ideen einbringen, kommentieren und Punkte dafür vergeben.',
    suggestedTools: ['ideas', 'dots', 'meeting'],
  },
  decide: {
    kind: 'decide',
    title: 'Gemeinsam entscheiden',
    description: 'Wir stimmen über Vorschläge ab und halten fest, was gilt und wann wir es überprüfen.',
    suggestedTools: ['consensus', 'ranking', 'dots', 'meeting'],
  },
  commit: {
    kind: 'commit',
    title: 'Zusagen machen',
    description: 'Wer bringt was ein? Räume, Zeit, Geräte oder Aufgaben – mit Namen und Datum.',
    suggestedTools: ['meeting'],
  },
  implement: {
    kind: 'implement',
    title: 'Umsetzen',
    description: 'Wir setzen um, was wir beschlossen haben, und berichten, wie es vorangeht.',
    suggestedTools: ['meeting'],
  },
  review: {
    kind: 'review',
    title: 'Rückblick',
    description: 'Hat es funktioniert? Wir schauen gemeinsam zurück und lernen daraus.',
    suggestedTools: ['survey', 'meeting'],
  },
};

export const templates: Record<CodesignTemplate, readonly CodesignPhaseKind[]> = {
  full: ['needs', 'goals', 'ideas', 'decide', 'commit', 'implement', 'review'],
  short: ['ideas', 'decide', 'commit', 'review'],
  survey: ['needs', 'review'],
  custom: ['ideas'],
};

/** The phases a new project of the template starts with, in order. */
export const phasesOf = (template: CodesignTemplate): PhaseTemplate[] =>
  templates[template].map((k) => phaseDefaults[k]);
