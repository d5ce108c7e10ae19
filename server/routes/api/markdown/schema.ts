import { Type } from '@fastify/type-provider-typebox';

export const MarkdownPreviewBody = Type.Object(
  { text: Type.String({ maxLength: 100000 }) },
  { additionalProperties: false },
);

export const MarkdownPreview = Type.Object({
  /** the text as every page will show it: rendered and sanitised by platform/markdown.ts */
  html: Type.String(),
});
