import { useSearchParams } from 'react-router';
import { getAssetGraph, listAssets } from '../api/assets';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { LastUpdated } from '../common/LastUpdated';
import { Loading } from '../common/Loading';
import { useResource } from '../common/useResource';
import { AssetGraphView } from './AssetGraphView';
import { AssetPartitions } from './AssetPartitions';
import { AssetSensors } from './AssetSensors';
import { AssetsTable } from './AssetsTable';
import { PartitionPanel } from './PartitionPanel';

/**
 * The partition catalog: every asset with its counts and freshness, the graph of assets and the steps between them,
 * and the chosen asset's days as a calendar; a day opens its lineage, data and history. The asset and day are in the
 * URL (`?asset=&day=`), so lineage links between partitions are plain links.
 */
export function AssetsPage() {
  const [params, setParams] = useSearchParams();
  const assets = useResource((signal) => listAssets(signal), 'assets', { pollMs: 15000 });
  const graph = useResource((signal) => getAssetGraph(signal), 'asset-graph');
  const selected = params.get('asset') ?? assets.data?.[0]?.name ?? null;
  const day = params.get('day');

  const choose = (asset: string, openDay?: string | null) => setParams(openDay ? { asset, day: openDay } : { asset });

  return (
    <div className="page assets-page">
      <header className="page-header">
        <h1>Assets</h1>
        <LastUpdated updatedAt={assets.updatedAt} stale={assets.stale} />
      </header>
      {assets.error ? <ErrorBanner error={assets.error} action="Loading assets" onRetry={assets.reload} /> : null}
      {!assets.data && !assets.error ? <Loading what="assets" /> : null}
      {assets.data && assets.data.length === 0 ? (
        <EmptyState title="No assets yet">Steps that write day partitions of an asset report them in their manifests; they appear here.</EmptyState>
      ) : null}
      {assets.data && assets.data.length > 0 ? <AssetsTable assets={assets.data} selected={selected} onSelect={(a) => choose(a)} /> : null}
      {graph.error ? <ErrorBanner error={graph.error} action="Loading the asset graph" onRetry={graph.reload} /> : null}
      {graph.data && graph.data.steps.length > 0 ? <AssetGraphView graph={graph.data} selected={selected} onSelect={(a) => choose(a)} /> : null}
      {selected && assets.data && assets.data.length > 0 ? (
        <>
          <div className="asset-detail">
            <AssetPartitions key={selected} asset={selected} openDay={day} onOpenDay={(d) => choose(selected, d)} />
            {day ? <PartitionPanel key={`${selected}/${day}`} asset={selected} day={day} onClose={() => choose(selected)} /> : null}
          </div>
          <AssetSensors key={selected} asset={selected} />
        </>
      ) : null}
    </div>
  );
}
