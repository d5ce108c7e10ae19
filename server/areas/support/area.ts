import type { Catalogue } from '../../i18n/messages.ts';
import { seg, webPath } from '../../platform/webPath.ts';

/**
 * Unterstützungskreise: what the foundation's closed lists take from this area (server/areas/lists.ts) —
 * the messages it sends, the kinds of notification it writes and the pages it links to. Data only.
 */

/** Messages the area sends (errors, emails), German and English. */
export const messages = {
  // Unterstützungskreise
  'circle.frozen': {
    de: 'Dieser Kreis ist eingefroren, weil die Einwilligung widerrufen oder die Löschung beantragt wurde. Ändern kann man erst wieder, wenn die Einwilligung erneuert wird.',
    en: 'This circle is frozen because consent was withdrawn or deletion was requested. Nothing can be changed until consent is renewed.',
  },
  'circle.owner_stays': {
    de: 'Die Person im Mittelpunkt und ihre Vertretung bleiben im Kreis.',
    en: 'The person at the centre and their representative stay in the circle.',
  },
  'circle.opener_not_owner': {
    de: 'Wer einen Kreis für jemanden öffnet, wird nicht selbst Eigentümer/in. Der Kreis gehört der Person oder ihrer rechtlichen Vertretung: Laden Sie sie ein, ihn zu übernehmen.',
    en: 'Whoever opens a circle for someone does not become its owner. The circle belongs to the person or their legal representative: invite them to take it over.',
  },
  'circle.person_has_account': {
    de: 'Die Person im Mittelpunkt ist schon dabei.',
    en: 'The person at the centre has already joined.',
  },
  'circle.invitation_invalid': {
    de: 'Dieser Einladungslink gilt nicht mehr. Bitten Sie um einen neuen.',
    en: 'This invitation link is no longer valid. Please ask for a new one.',
  },
  'circle.invitation_other_account': {
    de: 'Diese Einladung gilt für eine andere E-Mail-Adresse. Bitte melden Sie sich zuerst ab.',
    en: 'This invitation is for another email address. Please sign out first.',
  },
  'circle.invitation_sign_in_first': {
    de: 'Zu dieser E-Mail-Adresse gibt es schon ein Konto. Bitte melden Sie sich an und öffnen Sie den Link dann noch einmal.',
    en: 'There is already an account with this email address. Please sign in, then open the link again.',
  },
  'circle.need_taken': {
    de: 'Das hat gerade schon jemand anderes übernommen.',
    en: 'Someone else has just taken this on.',
  },
  'circle.need_done': { de: 'Das ist schon erledigt.', en: 'This is already done.' },
  'circle.need_not_claimed': {
    de: 'Das hat noch niemand übernommen.',
    en: 'Nobody has taken this on yet.',
  },
  'circle.credit_self': {
    de: 'Eine Zeitgutschrift geht an die Person, die geholfen hat – nicht an Sie selbst.',
    en: 'A time credit goes to the person who helped – not to yourself.',
  },
  'circle.credit_insufficient': {
    de: 'Nichts wurde eingetragen: Auf diesem Zeitkonto sind nur noch {available} Minuten verfügbar. Schenken Sie weniger Zeit oder wählen Sie ein anderes Konto.',
    en: 'Nothing was saved: this time account has only {available} minutes left. Give less time or choose another account.',
  },
  'circle.credit_payer': {
    de: 'Zahlen können Sie nur von Ihrem eigenen Zeitkonto oder dem einer Organisation, für die Sie handeln.',
    en: 'You can only pay from your own time account or from that of an organisation you act for.',
  },
  'circle.end_before_start': {
    de: 'Das Ende muss nach dem Beginn und am selben oder nächsten Tag liegen.',
    en: 'The end must be after the start and within a day.',
  },
  'circle.until_before_start': {
    de: 'Das Ende der Wiederholung muss nach dem ersten Termin liegen.',
    en: 'The repetition must end after the first date.',
  },
  'circle.tie_to_itself': {
    de: 'Eine Verbindung braucht zwei verschiedene Personen.',
    en: 'A tie needs two different people.',
  },
  'circle.unknown_entry': {
    de: 'Diese Person steht nicht auf der Karte.',
    en: 'This person is not on the map.',
  },
  'circle.unknown_account': { de: 'Dieses Konto gibt es nicht.', en: 'This account does not exist.' },
  'circle.unknown_organisation': {
    de: 'Diese Organisation gibt es nicht.',
    en: 'This organisation does not exist.',
  },
  'circle.not_for_organisation': {
    de: 'Für jemand anderen können Sie einen Kreis nur als Mitarbeiterin oder Mitarbeiter dieser Organisation anlegen.',
    en: 'You can open a circle for someone else only as staff of this organisation.',
  },
  'circle.legal_basis_required': {
    de: 'Bitte nennen Sie die Rechtsgrundlage Ihrer Organisation (die Einwilligung allein reicht oft nicht).',
    en: 'Please state your organisation’s legal basis (consent alone is often not enough).',
  },
  'circle.deletion_pending': {
    de: 'Die Löschung ist schon beantragt.',
    en: 'Deletion has already been requested.',
  },
  'circle.deletion_not_pending': {
    de: 'Es ist keine Löschung beantragt, oder die Frist ist vorbei.',
    en: 'No deletion is pending, or the grace period is over.',
  },
  'circle.attachment_type': {
    de: 'Anhängen können Sie Bilder (JPEG, PNG oder WebP) und PDF-Dokumente.',
    en: 'You can attach images (JPEG, PNG or WebP) and PDF documents.',
  },
  'circle.attachment_too_large': {
    de: 'Die Datei ist zu groß (höchstens {mb} MB).',
    en: 'The file is too large (at most {mb} MB).',
  },
  'circle.attachment_limit': {
    de: 'Eine Neuigkeit kann höchstens {max} Anhänge haben.',
    en: 'An update can have at most {max} attachments.',
  },
  'circle.attachment_alt_required': {
    de: 'Bitte beschreiben Sie kurz, was auf dem Bild zu sehen ist (für Menschen, die es nicht sehen können).',
    en: 'Please describe briefly what the image shows (for people who cannot see it).',
  },
  'circle.attachment_not_author': {
    de: 'Anhänge fügt nur hinzu, wer die Neuigkeit geschrieben hat.',
    en: 'Only the author of an update can add attachments to it.',
  },
  'email.circle_invitation.subject': {
    de: '{inviter} lädt Sie in einen Unterstützungskreis ein',
    en: '{inviter} invites you to a support circle',
  },
  'email.circle_invitation.body': {
    de: 'Guten Tag,\n\n{inviter} lädt Sie in einen Unterstützungskreis im Netzwerk {network} ein.\n\nMit diesem Link treten Sie bei. Er gilt {days} Tage und nur einmal:\n\n{link}\n\nSie brauchen dafür kein Passwort.',
    en: 'Hello,\n\n{inviter} invites you to a support circle in the network {network}.\n\nUse this link to join. It is valid for {days} days and only once:\n\n{link}\n\nYou do not need a password.',
  },
  'email.circle.need_unclaimed.subject': {
    de: 'Noch niemand hat übernommen: {title}',
    en: 'Nobody has taken this on yet: {title}',
  },
  'email.circle.need_unclaimed.body': {
    de: 'Guten Tag,\n\nfür „{title}“ ({when}) hat sich noch niemand gemeldet. Bitte schauen Sie in den Kreis.',
    en: 'Hello,\n\nnobody has taken on “{title}” ({when}) yet. Please have a look at the circle.',
  },
  'email.circle.need_reminder.subject': { de: 'Erinnerung: {title}', en: 'Reminder: {title}' },
  'email.circle.need_reminder.body': {
    de: 'Guten Tag,\n\nSie haben „{title}“ übernommen: {when}. Vielen Dank!',
    en: 'Hello,\n\nyou have taken on “{title}”: {when}. Thank you!',
  },
} satisfies Catalogue;

/** The kinds of notification the area writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  'circle.member_joined': ['name'],
  'circle.update_posted': ['name'],
  'circle.comment_posted': ['name'],
  'circle.need_unclaimed': ['title', 'when'],
  'circle.need_reminder': ['title', 'when'],
  'circle.need_thanks': ['title', 'thanks'],
} as const satisfies Record<string, readonly string[]>;

/** The area's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  /** A support circle; purgeCircle erases every notification whose link is this or under it. */
  circle: (circleId: string) => webPath(`/kreise/${seg(circleId)}`),
  /** A circle's page at one need of its care calendar (the card is scrolled to and focused). */
  circleNeed: (circleId: string, needId: string) => webPath(`/kreise/${seg(circleId)}?bedarf=${seg(needId)}`),
  /** The circles I belong to. */
  circles: () => webPath('/kreise'),
} satisfies Record<string, (...args: string[]) => string>;
