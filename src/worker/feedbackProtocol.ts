/**
 * The training worker's DSF-GAN requests: live utility samples and the table for a λ sweep.
 * Types only; `EngineApi` extends `FeedbackApi`.
 */
import type { Result } from '../data/table';
import type { PackedSweepTable } from './sweepProtocol';
import type { UtilitySample } from './utilityProtocol';

export interface FeedbackApi {
  /** Freshly generated rows and held-out real rows, for the live utility figure. */
  utilitySample(): Promise<Result<UtilitySample>>;
  /** The loaded table and held-out share, packed for a λ sweep in its own worker. */
  sweepTable(): Promise<Result<PackedSweepTable>>;
}
