/**
 * Messages the server sends to people (errors, emails, notifications), German first.
 * The web client has its own catalogue in web/src/i18n; these are only what leaves the API.
 */
import { areaMessages } from '../areas/lists.ts';

export type Locale = 'de' | 'en';
export const locales: readonly Locale[] = ['de', 'en'];

export type Catalogue = Record<string, { de: string; en: string }>;

/** The foundation's messages; each area's come from its area.ts (server/areas/lists.ts). */
const foundationMessages = {
  // generic HTTP problems
  bad_request: { de: 'Die Anfrage ist fehlerhaft.', en: 'The request is malformed.' },
  invalid_json: { de: 'Die Anfrage enthält kein gültiges JSON.', en: 'The request body is not valid JSON.' },
  validation: {
    de: 'Einige Angaben sind ungültig. Bitte prüfen Sie die markierten Felder.',
    en: 'Some fields are invalid. Please check the marked fields.',
  },
  body_too_large: { de: 'Die Anfrage ist zu groß.', en: 'The request is too large.' },
  'body.unexpected': {
    de: 'Diese Anfrage nimmt keinen Inhalt entgegen. Bitte senden Sie sie ohne Inhalt.',
    en: 'This request takes no content. Please send it without a body.',
  },
  unsupported_media_type: {
    de: 'Dieses Format wird nicht unterstützt. Bitte senden Sie JSON.',
    en: 'This format is not supported. Please send JSON.',
  },
  not_found: { de: 'Nicht gefunden.', en: 'Not found.' },
  // ActivityPub federation (interop/activitypub)
  'federation.off': {
    de: 'Die Föderation ist auf diesem Server nicht eingeschaltet.',
    en: 'Federation is not switched on on this server.',
  },
  'federation.not_found_remote': {
    de: 'Unter dieser Adresse wurde keine Gruppe oder Organisation gefunden. Bitte prüfen Sie die Schreibweise, z. B. @gruppe@andere.stadt.',
    en: 'No group or organisation was found at this address. Please check it, e.g. @group@other.town.',
  },
  'federation.remote_invalid': {
    de: 'Bitte die Adresse der Gruppe als @name@server angeben (z. B. @repaircafe@andere.stadt) oder als Link, der mit https:// beginnt.',
    en: 'Please give the group’s address as @name@server (e.g. @repaircafe@other.town) or as a link starting with https://.',
  },
  'federation.not_an_actor': {
    de: 'Das ist keine Gruppe oder Organisation, der man folgen kann.',
    en: 'This is not a group or organisation one can follow.',
  },
  'federation.is_local': {
    de: 'Das ist eine Gruppe dieses Netzwerks – ihr folgt man hier direkt.',
    en: 'This is a group of this network – follow it here directly.',
  },
  'federation.blocked': {
    de: 'Dieser Server ist in diesem Netzwerk gesperrt: Von dort wird nichts angenommen, darum kann man ihm nicht folgen.',
    en: 'This server is blocked in this network: nothing is accepted from it, so it cannot be followed.',
  },
  unauthenticated: { de: 'Bitte melden Sie sich an.', en: 'Please sign in.' },
  forbidden: { de: 'Dafür fehlt Ihnen die Berechtigung.', en: 'You are not allowed to do this.' },
  csrf: {
    de: 'Die Sitzung ist abgelaufen oder die Anfrage kam nicht von dieser Seite. Bitte laden Sie die Seite neu.',
    en: 'Your session expired or the request did not come from this page. Please reload the page.',
  },
  conflict: {
    de: 'Das steht im Widerspruch zu vorhandenen Daten.',
    en: 'This conflicts with existing data.',
  },
  duplicate: { de: 'Das gibt es schon.', en: 'This already exists.' },
  rate_limited: {
    de: 'Zu viele Anfragen – bitte in {seconds} Sekunden noch einmal.',
    en: 'Too many requests – please try again in {seconds} seconds.',
  },
  'rate_limited.one': {
    de: 'Zu viele Anfragen – bitte in einer Sekunde noch einmal.',
    en: 'Too many requests – please try again in a second.',
  },
  internal: {
    de: 'Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
    en: 'An unexpected error occurred. Please try again later.',
  },
  unavailable: { de: 'Der Dienst ist gerade nicht verfügbar.', en: 'The service is unavailable right now.' },
  // field-level validation
  'field.required': { de: 'Bitte ausfüllen.', en: 'Please fill this in.' },
  'field.too_short': {
    de: 'Bitte mindestens {limit} Zeichen eingeben.',
    en: 'Please enter at least {limit} characters.',
  },
  'field.too_long': {
    de: 'Bitte höchstens {limit} Zeichen eingeben.',
    en: 'Please enter at most {limit} characters.',
  },
  'field.too_small': {
    de: 'Der Wert muss mindestens {limit} sein.',
    en: 'The value must be at least {limit}.',
  },
  'field.too_large': {
    de: 'Der Wert darf höchstens {limit} sein.',
    en: 'The value must be at most {limit}.',
  },
  'field.format': { de: 'Das Format stimmt nicht ({format}).', en: 'The format is not right ({format}).' },
  'field.type': {
    de: 'Hier wird ein anderer Datentyp erwartet ({type}).',
    en: 'A different type of value is expected here ({type}).',
  },
  'field.enum': {
    de: 'Bitte einen der erlaubten Werte wählen: {allowed}.',
    en: 'Please choose one of the allowed values: {allowed}.',
  },
  'field.unknown': {
    de: 'Das Feld „{name}“ ist hier nicht vorgesehen.',
    en: 'The field "{name}" is not expected here.',
  },
  'field.invalid': { de: 'Dieser Wert ist ungültig.', en: 'This value is invalid.' },
  'field.plain_language_german': {
    de: 'Leichte Sprache gibt es nur auf Deutsch. Bitte wählen Sie Deutsch oder English.',
    en: 'Leichte Sprache (plain language) is German only. Please choose German or English.',
  },
  'field.nul': {
    de: 'Dieser Wert enthält ein unzulässiges Steuerzeichen (NUL).',
    en: 'This value contains a character that is not allowed (NUL).',
  },
  // auth
  'auth.invalid_credentials': {
    de: 'E-Mail-Adresse oder Passwort stimmen nicht.',
    en: 'Email address or password is incorrect.',
  },
  'auth.throttled': {
    de: 'Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten oder melden Sie sich per E-Mail-Link an.',
    en: 'Too many sign-in attempts. Please wait 15 minutes or sign in with an email link.',
  },
  'auth.link_invalid': {
    de: 'Dieser Link ist abgelaufen oder wurde schon benutzt. Bitte fordern Sie einen neuen an.',
    en: 'This link has expired or was already used. Please request a new one.',
  },
  'auth.blocked': {
    de: 'Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Verwaltung des Netzwerks.',
    en: 'This account is blocked. Please contact the network administrators.',
  },
  'auth.password_too_short': {
    de: 'Das Passwort muss mindestens {min} Zeichen lang sein.',
    en: 'The password must be at least {min} characters long.',
  },
  'auth.password_too_common': {
    de: 'Dieses Passwort ist zu bekannt oder leicht zu erraten. Bitte wählen Sie ein anderes, z. B. mehrere Wörter.',
    en: 'This password is too common or easy to guess. Please choose another, e.g. several words.',
  },
  'auth.assisted_session': {
    de: 'Sie sind mit einem Anmeldelink der Verwaltung angemeldet. Ein Passwort legen Sie fest, wenn Sie sich selbst angemeldet haben – mit einem Link per E-Mail.',
    en: 'You are signed in with a sign-in link from the administration. You can set a password once you have signed in yourself, with a link by email.',
  },
  'auth.password_wrong': {
    de: 'Das aktuelle Passwort stimmt nicht.',
    en: 'The current password is incorrect.',
  },
  'auth.email_taken': {
    de: 'Für diese E-Mail-Adresse gibt es schon ein Konto. Bitte melden Sie sich an.',
    en: 'There is already an account for this email address. Please sign in.',
  },
  'invitation.invalid': {
    de: 'Diese Einladung ist abgelaufen, wurde zurückgezogen oder schon angenommen.',
    en: 'This invitation has expired, was withdrawn or was already accepted.',
  },
  'invitation.other_account': {
    de: 'Diese Einladung gilt für eine andere E-Mail-Adresse. Bitte melden Sie sich ab und öffnen Sie den Link erneut.',
    en: 'This invitation is for another email address. Please sign out and open the link again.',
  },
  'membership.last_admin': {
    de: 'Die letzte Administratorin bzw. der letzte Administrator kann nicht entfernt werden. Ernennen Sie zuerst eine andere Person.',
    en: 'The last administrator cannot be removed. Appoint someone else first.',
  },
  'district.invalid_geojson': {
    de: 'Die Datei ist kein gültiges GeoJSON mit Flächen (Polygon oder MultiPolygon) und einem Namen je Fläche.',
    en: 'The file is not valid GeoJSON with areas (Polygon or MultiPolygon) and a name for each.',
  },
  'network.attribution_html': {
    de: 'Bitte nur Text und Links der Form <a href="https://…">…</a> verwenden – andere HTML-Angaben sind nicht erlaubt.',
    en: 'Please use text and links of the form <a href="https://…">…</a> only – no other HTML is allowed.',
  },
  'flag.circle': {
    de: 'Inhalte aus Unterstützungskreisen werden nicht der Verwaltung gemeldet. Bitte sprechen Sie die Koordination des Kreises an.',
    en: 'Content of support circles is not reported to the administration. Please talk to the circle’s coordinators.',
  },
  'flag.resolved': {
    de: 'Diese Meldung wurde schon bearbeitet.',
    en: 'This report has already been dealt with.',
  },
  'account.sign_in_link_self': {
    de: 'Für Ihr eigenes Konto brauchen Sie keinen Anmeldelink der Verwaltung.',
    en: 'You do not need an administration sign-in link for your own account.',
  },
  'account.sign_in_link_blocked': {
    de: 'Dieses Konto ist gesperrt. Heben Sie die Sperre zuerst auf.',
    en: 'This account is blocked. Lift the block first.',
  },
  'account.block_self': {
    de: 'Sie können Ihr eigenes Konto nicht sperren.',
    en: 'You cannot block your own account.',
  },
  'upload.malformed': {
    de: 'Die hochgeladenen Daten sind unvollständig oder fehlerhaft. Bitte versuchen Sie es noch einmal.',
    en: 'The uploaded data is incomplete or malformed. Please try again.',
  },
  'upload.unexpected_parts': {
    de: 'Bitte senden Sie eine Datei und nur die vorgesehenen Felder.',
    en: 'Please send one file and only the expected fields.',
  },
  'upload.image_too_many_pixels': {
    de: 'Das Bild hat zu viele Bildpunkte (höchstens {megapixels} Megapixel). Bitte verkleinern Sie es oder senden Sie eine kleinere Fassung.',
    en: 'The image has too many pixels (at most {megapixels} megapixels). Please scale it down or send a smaller copy.',
  },
  'enquiry.throttled': {
    de: 'Sie haben gerade schon mehrere Anfragen geschickt. Bitte warten Sie etwas, bevor Sie die nächste schicken – oder rufen Sie die Organisation an.',
    en: 'You have just sent several enquiries. Please wait a while before you send the next – or call the organisation.',
  },
  'service.hours_order': {
    de: 'Die Öffnungszeit muss enden, nachdem sie beginnt.',
    en: 'An opening must end after it starts.',
  },
  'service.hours_overlap': {
    de: 'Zwei Öffnungszeiten am selben Tag überschneiden sich. Bitte fassen Sie sie zusammen.',
    en: 'Two openings on the same day overlap. Please join them into one.',
  },
  'service.too_many': {
    de: 'Eine Organisation kann höchstens {max} Angebote eintragen.',
    en: 'An organisation can list at most {max} services.',
  },
  // importing an Open Referral (HSDS) file (server/interop/hsds/import.ts): the report, per record
  'hsds.import.not_empty': {
    de: 'Das Netzwerk hat schon {count} Organisationen. Ein HSDS-Import geht nur in ein leeres Netzwerk.',
    en: 'The network already has {count} organisations. An HSDS import only goes into an empty network.',
  },
  'hsds.import.unreadable': {
    de: 'Die Datei ist kein lesbares JSON: {detail}',
    en: 'The file is not readable JSON: {detail}',
  },
  'hsds.import.no_organizations': {
    de: 'Die Datei enthält keine Organisationen. Erwartet wird {"organizations": […]}, eine Liste von Organisationen oder eine Organisation je Zeile (NDJSON).',
    en: 'The file holds no organisations. Expected {"organizations": […]}, a list of organisations, or one organisation per line (NDJSON).',
  },
  'hsds.import.summary': {
    de: '{organisations} Organisationen und {services} Angebote übernommen, {refused} Einträge abgelehnt.',
    en: '{organisations} organisations and {services} services taken, {refused} records refused.',
  },
  'hsds.import.dry_run': {
    de: 'Probelauf: nichts wurde gespeichert.',
    en: 'Dry run: nothing was saved.',
  },
  'hsds.import.taken': { de: 'übernommen', en: 'taken' },
  'hsds.import.refused': { de: 'abgelehnt', en: 'refused' },
  'hsds.import.organization': { de: 'Organisation', en: 'Organisation' },
  'hsds.import.service': { de: 'Angebot', en: 'Service' },
  'hsds.reason.not_object': { de: 'kein JSON-Objekt', en: 'not a JSON object' },
  'hsds.reason.duplicate_id': {
    de: 'die Kennung {id} kommt in der Datei schon vor',
    en: 'the id {id} occurs earlier in the file',
  },
  'hsds.reason.new_id': {
    de: 'die Kennung „{id}“ ist keine UUID – eine neue vergeben',
    en: 'the id “{id}” is not a UUID – a new one was given',
  },
  'hsds.reason.name': {
    de: 'der Name fehlt oder hat nicht 2 bis {max} Zeichen',
    en: 'the name is missing or not 2 to {max} characters long',
  },
  'hsds.reason.too_long': {
    de: '„{field}“ ist länger als {max} Zeichen',
    en: '“{field}” is longer than {max} characters',
  },
  'hsds.reason.email_dropped': {
    de: 'die E-Mail-Adresse „{value}“ ist ungültig – nicht übernommen',
    en: 'the email address “{value}” is invalid – not taken',
  },
  'hsds.reason.website_dropped': {
    de: 'die Website „{value}“ ist keine http(s)-Adresse – nicht übernommen',
    en: 'the website “{value}” is not an http(s) address – not taken',
  },
  'hsds.reason.phone_dropped': {
    de: 'Telefonnummern nicht übernommen: {value} (Knotenpunkt führt eine, höchstens 40 Zeichen)',
    en: 'phone numbers not taken: {value} (Knotenpunkt keeps one, at most 40 characters)',
  },
  'hsds.reason.locations_dropped': {
    de: '{count} weitere Orte der Organisation nicht übernommen (Knotenpunkt führt eine Adresse; Orte der Angebote bleiben bei den Angeboten)',
    en: '{count} further locations of the organisation not taken (Knotenpunkt keeps one address; the places of services stay with the services)',
  },
  'hsds.reason.kind_default': {
    de: 'Art und Bereich der Organisation fehlen – „Sonstige“ angenommen',
    en: 'the organisation’s kind and sector are missing – “other” assumed',
  },
  'hsds.reason.fields_dropped': {
    de: 'Felder ohne Entsprechung in Knotenpunkt nicht übernommen: {fields}',
    en: 'fields Knotenpunkt has no place for were not taken: {fields}',
  },
  'hsds.reason.organization_refused': {
    de: 'die Organisation dieses Angebots wurde nicht übernommen',
    en: 'the organisation of this service was not taken',
  },
  'hsds.reason.status': {
    de: 'Status „{status}“: das Angebot läuft nicht',
    en: 'status “{status}”: the service is not running',
  },
  'hsds.reason.too_many_services': {
    de: 'die Organisation hat schon {max} Angebote, mehr führt Knotenpunkt nicht',
    en: 'the organisation already has {max} services, the most Knotenpunkt keeps',
  },
  'hsds.reason.term_dropped': {
    de: 'Kategorie „{name}“ ist keine Hilfeart von Knotenpunkt – nicht übernommen',
    en: 'category “{name}” is not one of Knotenpunkt’s kinds of help – not taken',
  },
  'hsds.reason.schedule_as_note': {
    de: 'Öffnungszeit „{value}“ ist nicht wöchentlich – als Hinweis zu den Zeiten übernommen',
    en: 'opening “{value}” is not weekly – taken as a note on the hours',
  },
  'hsds.reason.schedule_dropped': {
    de: 'Öffnungszeit {id} ohne gültige Wochentage und Uhrzeiten oder überschneidend – nicht übernommen',
    en: 'opening {id} without valid weekdays and times, or overlapping – not taken',
  },
  'hsds.reason.places_dropped': {
    de: '{count} weitere Orte des Angebots nicht übernommen (Knotenpunkt führt einen Ort je Angebot)',
    en: '{count} further places of the service not taken (Knotenpunkt keeps one place per service)',
  },
  'hsds.reason.place_none': {
    de: 'Ort {id} ohne Adresse – als „ohne festen Ort“ übernommen',
    en: 'location {id} has no address – taken as “no fixed place”',
  },
  // emails
  'email.login.subject': { de: 'Ihr Anmeldelink für {network}', en: 'Your sign-in link for {network}' },
  'email.login.body': {
    de: 'Guten Tag {name},\n\nmit diesem Link melden Sie sich bei {network} an. Er gilt {minutes} Minuten und nur einmal:\n\n{link}\n\nWenn Sie das nicht angefordert haben, können Sie diese E-Mail einfach löschen.',
    en: 'Hello {name},\n\nuse this link to sign in to {network}. It is valid for {minutes} minutes and only once:\n\n{link}\n\nIf you did not ask for it, you can simply delete this email.',
  },
  'email.sign_in_link_created.subject': {
    de: 'Die Verwaltung von {network} hat einen Anmeldelink für Sie erstellt',
    en: 'The administration of {network} made a sign-in link for you',
  },
  'email.sign_in_link_created.body': {
    de: 'Guten Tag {name},\n\n{admin} aus der Verwaltung von {network} hat am {at} einen Anmeldelink für Ihr Konto erstellt, um Ihnen ohne E-Mail hineinzuhelfen. Als Grund wurde angegeben: „{reason}“\n\nDer Link gilt {minutes} Minuten und nur einmal. Wer damit angemeldet ist, sieht Ihre Unterstützungskreise nicht und kann kein Passwort festlegen. Unter „Profil → Kontoaktivität“ sehen Sie, wann er benutzt wurde.\n\nWenn Sie das nicht wollten, melden Sie sich bitte überall ab (Profil → Überall abmelden) und sprechen Sie die Verwaltung an.',
    en: 'Hello {name},\n\n{admin} of the administration of {network} made a sign-in link for your account on {at}, to help you in without email. The reason given: “{reason}”\n\nThe link is valid for {minutes} minutes and only once. Whoever is signed in with it does not see your support circles and cannot set a password. Under “Profile → Account activity” you see when it was used.\n\nIf you did not want this, please sign out everywhere (Profile → Sign out everywhere) and talk to the administration.',
  },
  'email.invitation.subject': {
    de: '{inviter} lädt Sie zu {organisation} ein',
    en: '{inviter} invites you to {organisation}',
  },
  'email.invitation.body': {
    de: 'Guten Tag,\n\n{inviter} lädt Sie ein, bei {organisation} im Netzwerk {network} mitzumachen (Rolle: {role}).\n\nMit diesem Link nehmen Sie die Einladung an. Er gilt {days} Tage:\n\n{link}\n\nSie brauchen dafür kein Passwort.',
    en: 'Hello,\n\n{inviter} invites you to join {organisation} in the network {network} (role: {role}).\n\nUse this link to accept. It is valid for {days} days:\n\n{link}\n\nYou do not need a password.',
  },
  'email.register.subject': {
    de: 'Ihr Konto bei {network}: bitte bestätigen',
    en: 'Your account with {network}: please confirm',
  },
  'email.register.body': {
    de: 'Guten Tag {name},\n\nSie möchten bei {network} mitmachen. Mit diesem Link legen Sie Ihr Konto an und sind gleich angemeldet. Er gilt {hours} Stunden und nur einmal:\n\n{link}\n\nSie brauchen kein Passwort: Sie können sich jederzeit mit einem Link per E-Mail anmelden.\n\nWenn Sie das nicht waren, löschen Sie diese E-Mail einfach – ohne den Link entsteht kein Konto.',
    en: 'Hello {name},\n\nyou would like to join {network}. Use this link to open your account; you are signed in right away. It is valid for {hours} hours and only once:\n\n{link}\n\nYou need no password: you can always sign in with a link by email.\n\nIf this was not you, simply delete this email – without the link no account is opened.',
  },
  'email.register_existing.subject': {
    de: 'Sie haben schon ein Konto bei {network}',
    en: 'You already have an account with {network}',
  },
  'email.register_existing.body': {
    de: 'Guten Tag {name},\n\njemand – wahrscheinlich Sie – wollte mit dieser Adresse ein Konto bei {network} anlegen. Sie haben schon eins. Mit diesem Link melden Sie sich an. Er gilt {minutes} Minuten und nur einmal:\n\n{link}\n\nWenn Sie das nicht waren, können Sie diese E-Mail einfach löschen.',
    en: 'Hello {name},\n\nsomeone – probably you – wanted to open an account with {network} for this address. You have one already. Use this link to sign in. It is valid for {minutes} minutes and only once:\n\n{link}\n\nIf this was not you, you can simply delete this email.',
  },
  'email.enquiry.subject': {
    de: 'Neue Anfrage an {organisation}',
    en: 'New enquiry to {organisation}',
  },
  'email.enquiry.body': {
    de: 'Guten Tag {name},\n\njemand hat {organisation} über {network} um Hilfe gefragt. Sie lesen die Anfrage und markieren sie als beantwortet auf der Verwaltungsseite Ihrer Organisation:\n\n{link}\n\nDiese E-Mail geht an alle, die {organisation} im Netzwerk verwalten.',
    en: 'Hello {name},\n\nsomeone asked {organisation} for help through {network}. You read the enquiry and mark it answered on your organisation’s admin page:\n\n{link}\n\nThis email goes to everyone who administers {organisation} in the network.',
  },
  /** in the title of an entry in a calendar feed (http/calendar.ts) */
  'calendar.feed_waitlisted': { de: '(Warteliste)', en: '(waitlist)' },
  'calendar.feed_cancelled': { de: 'Abgesagt:', en: 'Cancelled:' },
  'role.admin': { de: 'Administration', en: 'Administrator' },
  'role.staff': { de: 'Mitarbeit', en: 'Staff' },
  'role.volunteer': { de: 'Ehrenamt', en: 'Volunteer' },
} satisfies Catalogue;

export const messages = { ...foundationMessages, ...areaMessages } satisfies Catalogue;

export type MessageKey = keyof typeof messages;

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = messages[key][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Picks the first supported language from an Accept-Language header; German by default. */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return 'de';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (lang === 'de' || lang === 'en') return lang;
  return 'de';
}
