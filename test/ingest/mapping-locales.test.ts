/**
 * Exports with German, French, Spanish, Italian, Portuguese and Japanese headers
 * map without --map (sales, targets and spend files), with their own number and
 * date formats and status words, and give the revenue summed by hand.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../src/ingest/mapping.js';
import { runCli, tmp } from '../helpers.js';

interface Case {
  lang: string;
  sales: string;
  targets: string;
  spend: string;
  mapping: Record<string, string>;
  /** The month's totals, summed by hand from the rows above. */
  totals: { period: string; revenue: number; units: number; target: number; spend: number; acquired: number };
}

const CASES: Case[] = [
  {
    lang: 'German (semicolons, 1.234,56 amounts, 31.12.2024 dates)',
    sales:
      'Datum;Vertriebsmitarbeiter;Kunde;Umsatz;Menge;Status;Region;Produkt;Währung\n31.12.2024;Anna;K1;1.234,56;2;Gewonnen;Nord;Stuhl;EUR\n15.12.2024;Ben;K2;99,50;1;Verloren;Süd;Tisch;EUR\n02.12.2024;Ben;K3;2.000,00;3;gewonnen;Süd;Tisch;EUR\n',
    targets: 'Monat;Ziel\n2024-12;5.000,00\n',
    spend: 'Monat;Kosten;Neukunden\n2024-12;300,00;3\n',
    mapping: {
      date: 'Datum',
      amount: 'Umsatz',
      rep: 'Vertriebsmitarbeiter',
      customer: 'Kunde',
      region: 'Region',
      product: 'Produkt',
      status: 'Status',
      quantity: 'Menge',
      currency: 'Währung',
    },
    // won: 1234.56 + 2000.00; units 2 + 3
    totals: { period: '2024-12', revenue: 3234.56, units: 5, target: 5000, spend: 300, acquired: 3 },
  },
  {
    lang: 'French (Chiffre d\'affaires, accents and a plain "Quantite")',
    sales:
      "Date;Vendeur;Client;Chiffre d'affaires;Quantite;Statut;Région;Produit\n05/12/2024;Élodie;C1;1234,50;2;Gagné;Nord;A\n20/12/2024;Luc;C2;500,25;1;Perdu;Sud;B\n28/12/2024;Luc;C3;765,50;4;gagné;Sud;B\n",
    targets: 'Mois;Objectif\n2024-12;2500\n',
    spend: 'Mois;Coût;Nouveaux clients\n2024-12;150,50;2\n',
    mapping: {
      date: 'Date',
      amount: "Chiffre d'affaires",
      rep: 'Vendeur',
      customer: 'Client',
      region: 'Région',
      product: 'Produit',
      status: 'Statut',
      quantity: 'Quantite',
    },
    // won: 1234.50 + 765.50; units 2 + 4
    totals: { period: '2024-12', revenue: 2000, units: 6, target: 2500, spend: 150.5, acquired: 2 },
  },
  {
    lang: 'Spanish',
    sales:
      'Fecha,Vendedor,Cliente,Importe,Cantidad,Estado,Región,Producto\n2024-11-04,Lucía,C1,1500.00,1,Ganado,Norte,X\n2024-11-18,Pablo,C2,320.40,2,Perdido,Sur,Y\n2024-11-25,Pablo,C3,479.60,2,ganado,Sur,Y\n',
    targets: 'Mes,Objetivo\n2024-11,2000\n',
    spend: 'Mes,Coste,Nuevos clientes\n2024-11,99.90,2\n',
    mapping: {
      date: 'Fecha',
      amount: 'Importe',
      rep: 'Vendedor',
      customer: 'Cliente',
      region: 'Región',
      product: 'Producto',
      status: 'Estado',
      quantity: 'Cantidad',
    },
    // won: 1500.00 + 479.60; units 1 + 2
    totals: { period: '2024-11', revenue: 1979.6, units: 3, target: 2000, spend: 99.9, acquired: 2 },
  },
  {
    lang: 'Italian',
    sales:
      'Data;Venditore;Cliente;Importo;Quantità;Stato;Regione;Prodotto\n03/10/2024;Giulia;C1;850,00;1;Vinto;Nord;P\n17/10/2024;Marco;C2;120,00;5;Perso;Sud;Q\n30/10/2024;Marco;C3;1.150,75;2;vinto;Sud;Q\n',
    targets: 'Mese;Obiettivo\n2024-10;3000\n',
    spend: 'Mese;Costo;Nuovi clienti\n2024-10;400;4\n',
    mapping: {
      date: 'Data',
      amount: 'Importo',
      rep: 'Venditore',
      customer: 'Cliente',
      region: 'Regione',
      product: 'Prodotto',
      status: 'Stato',
      quantity: 'Quantità',
    },
    // won: 850.00 + 1150.75; units 1 + 2
    totals: { period: '2024-10', revenue: 2000.75, units: 3, target: 3000, spend: 400, acquired: 4 },
  },
  {
    lang: 'Portuguese',
    sales:
      'Data;Vendedor;Cliente;Valor;Quantidade;Status;Região;Produto\n01/09/2024;João;C1;2.500,00;1;Ganho;Sul;P\n12/09/2024;Ana;C2;310,10;3;Perdido;Norte;Q\n29/09/2024;Ana;C3;689,90;2;ganho;Norte;Q\n',
    targets: 'Mês;Meta\n2024-09;3000\n',
    spend: 'Mês;Custo;Novos clientes\n2024-09;250;5\n',
    mapping: {
      date: 'Data',
      amount: 'Valor',
      rep: 'Vendedor',
      customer: 'Cliente',
      region: 'Região',
      product: 'Produto',
      status: 'Status',
      quantity: 'Quantidade',
    },
    // won: 2500.00 + 689.90; units 1 + 2
    totals: { period: '2024-09', revenue: 3189.9, units: 3, target: 3000, spend: 250, acquired: 5 },
  },
  {
    lang: 'Japanese',
    sales:
      '日付,担当者,顧客,売上,数量,状態,地域,商品名\n2024/08/05,佐藤,A社,120000,1,受注,関東,X\n2024/08/19,鈴木,B社,45000,2,失注,関西,Y\n2024/08/30,鈴木,C社,80000,3,受注,関西,Y\n',
    targets: '期間,目標\n2024-08,250000\n',
    spend: '期間,費用,新規顧客数\n2024-08,30000,2\n',
    mapping: {
      date: '日付',
      amount: '売上',
      rep: '担当者',
      customer: '顧客',
      region: '地域',
      product: '商品名',
      status: '状態',
      quantity: '数量',
    },
    // won: 120000 + 80000; units 1 + 3
    totals: { period: '2024-08', revenue: 200000, units: 4, target: 250000, spend: 30000, acquired: 2 },
  },
];

describe('header synonyms in six more languages', () => {
  it.each(CASES)('$lang: maps, parses and sums', (c) => {
    const dir = tmp();
    const [sales, targets, spend] = ['sales.csv', 'targets.csv', 'spend.csv'].map((n) => join(dir, n)) as [string, string, string];
    writeFileSync(sales, c.sales);
    writeFileSync(targets, c.targets);
    writeFileSync(spend, c.spend);
    const v = runCli(['validate', sales, '--format', 'json'], { cwd: dir });
    expect(v.code, v.stderr).toBe(0);
    const file = JSON.parse(v.stdout).files[0];
    expect(file.mapping).toEqual(c.mapping);
    expect([file.rowsRead, file.accepted, file.rejected]).toEqual([3, 3, 0]);
    const r = runCli(
      [
        'report',
        sales,
        '--targets',
        targets,
        '--spend',
        spend,
        '--kpis',
        'revenue,units,target,spend,acquired',
        '--as-of',
        '2025-01-31',
        '--format',
        'json',
        '--quiet',
      ],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).totals).toEqual([c.totals]);
  });

  it('the accent-free spelling maps like the accented one (Verkaeufer, Verkaufer, Quantité, QUANTITE)', () => {
    for (const h of ['Verkäufer', 'Verkaeufer', 'Verkaufer', 'VERKÄUFER']) expect(mapColumns(['Datum', 'Betrag', h]).columns.rep).toBe(2);
    for (const h of ['Quantité', 'Quantite', 'QUANTITE', 'Qté']) expect(mapColumns(['Date', 'Montant', h]).columns.quantity).toBe(2);
  });

  it('English and Chinese synonyms still win over the new ones on a mixed export', () => {
    // "Date" is the first date synonym, "Datum" comes later: no tie, Date wins
    const m = mapColumns(['Datum', 'Date', 'Betrag', 'Amount']);
    expect([m.columns.date, m.columns.amount, m.problems]).toEqual([1, 3, []]);
  });
});
