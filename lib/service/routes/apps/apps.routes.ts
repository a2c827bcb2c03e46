import { createRoute, z } from '@hono/zod-openapi';
import { AppSchema, VisibilitySchema } from '../../../domain/app';
import { AppKeySchema } from '../../../domain/identifiers';
import { PaymentModelSchema } from '../../../domain/installed-app';
import { CONTROL_CHARACTERS_REFUSED, NO_CONTROL_CHARACTERS } from '../../../domain/plain-text';
import { AppParamsSchema, AUTH_PROBLEMS, HttpsUrlSchema, jsonBody, jsonResponse, problem } from '../schemas';

const NewAppSchema = z.strictObject({
  key: AppKeySchema,
  name: z.string().trim().min(1).max(200).regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_REFUSED),
  paymentModel: PaymentModelSchema,
  visibility: VisibilitySchema,
  descriptorUrl: HttpsUrlSchema,
});

const AppChangesSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_REFUSED),
    paymentModel: PaymentModelSchema,
    visibility: VisibilitySchema,
    descriptorUrl: HttpsUrlSchema,
  })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, 'Name at least one field to change.');

const NewVersionSchema = z.strictObject({
  version: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[0-9A-Za-z.+-]+$/, 'A version is letters, digits, dots, plus and dashes.'),
  visibility: VisibilitySchema,
  descriptorUrl: HttpsUrlSchema,
});

const tags = ['Apps'];
const notFound = problem('app_not_found');

export const listAppsRoute = createRoute({
  method: 'get',
  path: '/apps',
  operationId: 'apps.list',
  tags,
  summary: 'List the vendor’s apps [apps.list]',
  responses: { 200: jsonResponse('The apps', z.object({ items: z.array(AppSchema) })), ...AUTH_PROBLEMS },
});

export const createAppRoute = createRoute({
  method: 'post',
  path: '/apps',
  operationId: 'apps.create',
  tags,
  summary: 'Create an app [apps.create]',
  request: { body: jsonBody(NewAppSchema) },
  responses: { 201: jsonResponse('Created', AppSchema), 409: problem('app_exists'), ...AUTH_PROBLEMS },
});

export const getAppRoute = createRoute({
  method: 'get',
  path: '/apps/{appKey}',
  operationId: 'apps.read',
  tags,
  summary: 'Read an app, with its active token count and limit [apps.read]',
  request: { params: AppParamsSchema },
  responses: { 200: jsonResponse('The app', AppSchema), 404: notFound, ...AUTH_PROBLEMS },
});

export const updateAppRoute = createRoute({
  method: 'patch',
  path: '/apps/{appKey}',
  operationId: 'apps.update',
  tags,
  summary: 'Change name, visibility, descriptorUrl or paymentModel [apps.update]',
  request: { params: AppParamsSchema, body: jsonBody(AppChangesSchema) },
  responses: { 200: jsonResponse('The app', AppSchema), 404: notFound, ...AUTH_PROBLEMS },
});

export const addVersionRoute = createRoute({
  method: 'post',
  path: '/apps/{appKey}/versions',
  operationId: 'apps.addVersion',
  tags,
  summary: 'Add a version [apps.update]',
  request: { params: AppParamsSchema, body: jsonBody(NewVersionSchema) },
  responses: {
    201: jsonResponse('The app with its new version', AppSchema),
    404: notFound,
    409: problem('version_exists'),
    ...AUTH_PROBLEMS,
  },
});
