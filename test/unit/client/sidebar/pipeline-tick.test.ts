/**
 * Unticking a pipeline takes its stages out of the draft (the schema refuses a stage of an
 * unselected pipeline); ticking it again brings its mapping back instead of wiping it.
 */
import { defaultSettings } from '../../../../src/settings/defaults';
import { tickPipeline, type Draft, type ParkedStages } from '../../../../src/client/sidebar/draft';
import { checkSettings } from '../../../../src/settings/validate';

function mapped(): Draft {
  const d: Draft = defaultSettings();
  d.rating.pipelineIds = [1, 2];
  d.rating.stages.meetingsHeld = [
    { pipelineId: 1, statusId: 11 },
    { pipelineId: 2, statusId: 21 },
  ];
  d.rating.stages.contractsSigned = [{ pipelineId: 2, statusId: 22 }];
  return d;
}

test('untick, then tick again: the pipeline and its stage mapping are back as they were', () => {
  const d = mapped();
  const before = JSON.stringify(d.rating.stages);
  let parked: ParkedStages = new Map();
  parked = tickPipeline(d, 2, false, parked);
  expect(d.rating.pipelineIds).toEqual([1]);
  expect(d.rating.stages.meetingsHeld).toEqual([{ pipelineId: 1, statusId: 11 }]);
  expect(d.rating.stages.contractsSigned).toEqual([]);
  expect(checkSettings(d, 'ru').ok).toBe(true); // what is left is settings
  parked = tickPipeline(d, 2, true, parked);
  expect(d.rating.pipelineIds).toEqual([1, 2]);
  expect(JSON.stringify(d.rating.stages)).toBe(before);
  expect(parked.size).toBe(0);
});

test("another pipeline's untick and tick do not touch the parked mapping", () => {
  const d = mapped();
  let parked = tickPipeline(d, 2, false, new Map());
  parked = tickPipeline(d, 1, false, parked);
  parked = tickPipeline(d, 1, true, parked);
  expect(d.rating.stages.meetingsHeld).toEqual([{ pipelineId: 1, statusId: 11 }]);
  tickPipeline(d, 2, true, parked);
  expect(d.rating.stages.contractsSigned).toEqual([{ pipelineId: 2, statusId: 22 }]);
});

test('a pipeline never mapped ticks on with no stages', () => {
  const d = mapped();
  const parked = tickPipeline(d, 3, true, new Map());
  expect(d.rating.pipelineIds).toEqual([1, 2, 3]);
  expect(d.rating.stages.advancesPaid).toEqual([]);
  expect(parked.size).toBe(0);
});
