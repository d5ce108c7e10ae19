import { Type } from '@fastify/type-provider-typebox';

export const GeocodeQuery = Type.Object(
  { q: Type.String({ minLength: 2, maxLength: 200 }) },
  { additionalProperties: false },
);

export const GeocodeResult = Type.Object({
  items: Type.Array(
    Type.Object({
      /** one line to show: the place's name (if any), street and number, postcode and town */
      label: Type.String(),
      street: Type.String(),
      postcode: Type.String(),
      town: Type.String(),
      lat: Type.Number(),
      lng: Type.Number(),
      /** the district whose boundary holds the place */
      districtId: Type.Union([Type.String(), Type.Null()]),
      /** the geocoder, or the town's own directory: a district or an address the network knows */
      source: Type.Union([Type.Literal('geocoder'), Type.Literal('district'), Type.Literal('organisation')]),
    }),
  ),
  /** why the geocoder did not answer: switched off, unreachable, or asked too often just now */
  notice: Type.Union([Type.Literal('off'), Type.Literal('unreachable'), Type.Literal('busy'), Type.Null()]),
});
