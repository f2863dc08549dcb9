/** How amoCRM accounts usually name the case's stages (ё or е), in the languages the product speaks. */
import type { MappedStage } from '../engine';

export const STAGE_NAMES: Record<MappedStage, readonly string[]> = {
  meetingsScheduled: ['встреча назначена', 'meeting scheduled'],
  meetingsHeld: ['встреча проведена', 'meeting held'],
  contractsSigned: ['договор подписан', 'contract signed'],
  advancesPaid: ['аванс внесен', 'аванс внесён', 'advance paid'],
};
