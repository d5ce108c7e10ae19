import {
  type Case,
  everyone,
  instanceAdmin,
  next,
  signedIn,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/** A new report of Olga's (`owner`), still `new`: she alone may change or withdraw it. */
const newReport = async (town: Town) =>
  (
    await town.post('owner', '/map-reports', {
      kind: 'defect',
      category: 'mobility',
      title: `Schlagloch Nummer ${next()}`,
      lat: 51.3,
      lng: 9.5,
    })
  ).id as string;

/** One report with a photo, made once per town. */
const withPhoto = new WeakMap<Town, Promise<{ id: string; photoId: string }>>();
function reportWithPhoto(town: Town) {
  let made = withPhoto.get(town);
  if (!made) {
    made = (async () => {
      const id = await newReport(town);
      const res = await town.call('owner', {
        method: 'POST',
        url: `/map-reports/${id}/photo`,
        ...town.photoBody('Das Schlagloch'),
      });
      return { id, photoId: res.json().id as string };
    })();
    withPhoto.set(town, made);
  }
  return made;
}

const save = () => ({
  kind: 'defect',
  category: 'mobility',
  title: `Schlagloch geändert ${next()}`,
  lat: 51.3,
  lng: 9.5,
});

/** The neighbourhood knowledge map (Bürgerwissen): reports and notes on a place, their status, "me too", GeoJSON — its section of the access table (joined in ../permissions.ts). */
export const reportsPermissions: Record<string, Case | Case[]> = {
  // ---- Reports are public (but what a moderator hid); anyone signed in files one -------------------
  'GET /map-reports': { allowed: everyone, request: () => ({ url: '/map-reports?bbox=9,51,10,52' }) },
  'GET /map-reports/geojson': { allowed: everyone, request: () => ({ url: '/map-reports/geojson' }) },
  'GET /map-reports/nearby': {
    allowed: everyone,
    request: () => ({ url: '/map-reports/nearby?lat=51.3&lng=9.5&kind=defect' }),
  },
  'POST /map-reports': {
    allowed: signedIn,
    request: () => ({
      url: '/map-reports',
      payload: {
        kind: 'suggestion',
        category: 'green',
        title: `Baum pflanzen ${next()}`,
        lat: 51.3,
        lng: 9.5,
      },
    }),
  },
  'GET /map-reports/{id}': {
    allowed: everyone,
    request: async (town) => ({ url: `/map-reports/${await newReport(town)}` }),
  },
  // ---- The author changes or withdraws it while it is new --------------------------------------
  'PUT /map-reports/{id}': {
    allowed: ['owner'],
    request: async (town) => ({ url: `/map-reports/${await newReport(town)}`, payload: save() }),
  },
  'DELETE /map-reports/{id}': {
    allowed: ['owner'],
    request: async (town) => ({ url: `/map-reports/${await newReport(town)}` }),
  },
  'POST /map-reports/{id}/photo': {
    allowed: ['owner'],
    request: async (town) => ({
      url: `/map-reports/${await newReport(town)}/photo`,
      ...town.photoBody('Das Schlagloch von nahem'),
    }),
  },
  'DELETE /map-reports/{id}/photo': {
    allowed: ['owner'],
    request: async (town) => {
      const id = await newReport(town);
      await town.call('owner', {
        method: 'POST',
        url: `/map-reports/${id}/photo`,
        ...town.photoBody('Foto'),
      });
      return { url: `/map-reports/${id}/photo` };
    },
  },
  'GET /map-reports/{id}/photo/{photoId}': {
    allowed: everyone,
    request: async (town) => {
      const r = await reportWithPhoto(town);
      return { url: `/map-reports/${r.id}/photo/${r.photoId}?size=thumb` };
    },
  },
  // ---- "Me too": everyone signed in but the author (409 for her) -----------------------------------
  'PUT /map-reports/{id}/support': {
    allowed: signedIn.filter((r) => r !== 'owner'),
    request: async (town) => ({ url: `/map-reports/${await newReport(town)}/support` }),
  },
  'DELETE /map-reports/{id}/support': {
    allowed: signedIn.filter((r) => r !== 'owner'),
    request: async (town) => ({ url: `/map-reports/${await newReport(town)}/support` }),
  },
  // ---- The status: the network's coordinator and staff or admins of a public body (the town has none) --
  'POST /map-reports/{id}/status': {
    allowed: instanceAdmin,
    request: async (town) => ({
      url: `/map-reports/${await newReport(town)}/status`,
      payload: { status: 'confirmed', reason: 'Vor Ort angesehen.' },
    }),
  },
};
