import { z } from 'zod';
import { SERVICE_CATEGORIES } from './service-categories.ts';

/** The innovation map (创新地图): per town, the alliance's providers and the openly shared instruments. */
export const innovationMapQuerySchema = z.object({ category: z.enum(SERVICE_CATEGORIES).optional() }).strict();
export type InnovationMapQuery = z.infer<typeof innovationMapQuerySchema>;

export const mapProviderSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Categories of its published services (all of them, also under a category filter). */
  categories: z.array(z.enum(SERVICE_CATEGORIES)),
  serviceCount: z.number().int(),
});
export const mapInstrumentSchema = z.object({ id: z.uuid(), name: z.string(), institutionName: z.string() });

export const mapTownSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  /** Approximate town centre, [longitude, latitude] in GCJ-02 (the outline's datum); null when unknown. */
  centre: z.tuple([z.number(), z.number()]).nullable(),
  providers: z.array(mapProviderSchema),
  openInstruments: z.number().int(),
  /** Up to INSTRUMENT_SAMPLE of them, most recently published first. */
  instruments: z.array(mapInstrumentSchema),
});
export type MapTown = z.infer<typeof mapTownSchema>;
export const INSTRUMENT_SAMPLE = 5;

export const innovationMapSchema = z.object({
  category: z.enum(SERVICE_CATEGORIES).nullable(),
  towns: z.array(mapTownSchema),
});
export type InnovationMap = z.infer<typeof innovationMapSchema>;
