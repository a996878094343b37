// Name lists for Aotearoa New Zealand, written as data. They are hints, not a register: a list hit
// raises the confidence that a capitalised word is a name; the person register and context decide.
// Entries are written as people write them (macrons, ʻokina, hyphens); lookups fold them away.

function list(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Te reo Māori given names. */
export const MAORI_GIVEN = list(`
Aperahama, Aroha, Ani, Anahera, Ānaru, Anaru, Arapeta, Areta, Ariana, Arohanui, Atawhai, Āwhina, Awhina, Erana,
Haami, Hakaraia, Hamiora, Hana, Heeni, Hēmi, Hemi, Hēnare, Henare, Hine, Hinemoa, Hinerangi, Hinewai, Hiria,
Hirini, Hōhepa, Hohepa, Hori, Huhana, Hūhana, Huia, Ihaia, Ihaka, Ihipera, Iraia, Kahu, Kahurangi, Kaia,
Kararaina, Kawiti, Kereama, Keri, Kiri, Kiriana, Kiritapu, Kingi, Kōtuku, Kura, Mahina, Māia, Maia, Makareta,
Mākere, Manaaki, Manaia, Marama, Mataora, Matiu, Mere, Mereana, Merehira, Mihi, Mikaere, Miriama, Nātana,
Natana, Ngaio, Ngaire, Ngaroma, Ngāwai, Nikau, Nīkau, Niwa, Ōriwa, Paora, Pania, Paratene, Parekura, Pene,
Pita, Rāhera, Rahera, Raniera, Rangimārie, Rangimarie, Rāwiri, Rawiri, Rawinia, Rēweti, Reweti, Rewi,
Reihana, Ripeka, Riwai, Ropata, Rua, Tama, Tamati, Tāmati, Tamihana, Tāne, Tane, Tangaroa, Tawhiri,
Tāwhirimātea, Teina, Te Ariki, Te Rangi, Te Aroha, Te Kooti, Tipene, Turi, Tūmanako, Tumanako, Waimārie,
Waimarie, Whetu, Wikitoria, Wiremu, Whaitiri, Hōri, Hemiora, Heta, Hōne, Hone, Huriana, Kiripaea,
Māka, Maka, Mihaka, Mōrehu, Ngahuia, Ngāpaki, Ngawai, Oriwia, Pōtaka, Puawai, Rāhiri, Rongo,
Rongomai, Takutai, Tamahou, Taini, Tawhai, Teremoana, Tiare, Toroa, Tuhi, Tūī, Wairangi,
Atareta, Harata, Hinemaia, Hineroa, Kahukura, Kōwhai, Mārama, Ngāio, Pāora, Ramari, Ruihi,
Tahu, Tairoa, Tamahine, Tiaho, Waiora, Ariki, Anituatua, Kaiah, Kahuwai, Mokonui
`);

/** Te reo Māori surnames (multi-word ones with their particle). */
export const MAORI_SURNAME = list(`
Pōtae, Potae, Ngata, Parata, Tamihana, Te Whata, Te Kanawa, Te Hira, Te Rangi, Te Ao, Te Awa, Te Paa,
Te Moananui, Te Wani, Te Huia, Te Rito, Te Amo, Te Kani, Te Whaiti, Tipene, Rāwiri, Rawiri, Hēnare, Henare,
Harawira, Tuhiwai, Mahuta, Paki, Pōmare, Pomare, Horomona, Karaka, Kereama, Kingi, Mokomoko, Taiaroa,
Tamatea, Tautahi, Waaka, Wihongi, Whaanga, Wharerau, Winitana, Hōhaia, Hohaia, Horomia, Paewai, Pōhatu,
Pohatu, Poutama, Rāwhiti, Rawhiti, Rewiti, Ruru, Takerei, Tamati, Tāmati, Tapara, Tawhai, Tomoana,
Tuhakaraina, Tukukino, Turei, Waititi, Wereta, Whatuira, Aperahama, Hakaraia, Hetaraka, Hiroti, Kaa,
Kawana, Keepa, Kemara, Komene, Kopu, Maaka, Manihera, Maniapoto, Matenga, Mita, Mōrehu, Morehu,
Murupaenga, Ngarimu, Nikora, Paenga, Pahau, Parore, Pene, Piripi, Puketapu, Rangihuna, Ranginui,
Rātana, Ratana, Rakena, Ruakere, Tahau, Tahuri, Taipari, Takurua, Tamihere, Taurima, Tipoki, Toia,
Topia, Tukaki, Tuuta, Wahanui, Waitai, Whatarau, Hēmara, Hemara, Herewini, Hapi, Heke, Hona, Hura,
Kīngi, Kaiwai, Katene, Kawhia, Kīpa, Kipa, Mānuera, Manuera, Marino, Moeke, Nepia, Ngāmoki, Ngamoki,
Pāniora, Paniora, Papa, Pēwhairangi, Pewhairangi, Poata, Rangi, Rapana, Rihari, Rōpata, Ropata,
Tautari, Te Maro, Tūrangi, Tuhoro, Tūhiwai, Waipouri, Wēpiha, Wepiha, Whaitiri, Witehira, Wīari,
Kohere, Mokaraka, Ngapo, Ngāwhika, Parāone, Paraone, Pōtiki, Potiki, Puru, Rātima, Ratima, Renata,
Tākuta, Tamaki, Tapsell, Tūtara, Tutara, Wairua, Watene, Whakaruru, Kawhe, Tuhi, Te Whare, Hauraki,
Kaihau, Maihi, Matiu, Mātiu, Paki Paki, Pomana, Rangiuia, Tukiri, Te Wake, Te Tai
`);

/** Samoan given names. */
export const SAMOAN_GIVEN = list(`
Sione, Iosefa, Malia, Mele, Losa, Lagi, Tavita, Ioane, Sefo, Tasi, Tomasi, Afa, Alofa, Amosa, Eseta,
Falaniko, Filipo, Iakopo, Ioana, Iosefo, Lafaele, Leilani, Lino, Liua, Losaline, Lupe, Malaki, Masina,
Matagi, Mose, Paulo, Pese, Petelo, Salamasina, Samuelu, Saia, Seini, Sina, Siaosi, Silia, Simi, Talia,
Telesia, Teuila, Toa, Faamoana, Fa'amoana, Tuiasina, Faatui, Fetu, Fiso, Ioelu, Leota, Lemalu, Lokeni,
Mataio, Miliama, Misa, Mikaele, Niu, Palepa, Peni, Penina, Pouli, Salote, Sau, Soteria, Sefa, Siosaia,
Tala, Tamasese, Tautala, Tuilaepa, Tupe, Vailea, Vaitusi, Viliamu, Aiga, Fa'alogo, Fa'afetai, Lefaoseu,
Luamanuvae, Manaia, Moana, Mataafa, Nofoa, Pulu, Sefulu, Seti, Solomona, Taulapapa, Taualofa,
Tauiliili, Tupu, Ula, Uili, Vaeluaga, Elisapeta, Sefina, Sieni, Manu, Iokapeta, Palota, Faleolo
`);

/** Samoan surnames. */
export const SAMOAN_SURNAME = list(`
Tuilagi, Fa'asavalu, Faasavalu, Leaupepe, Tuiasosopo, Aumua, Fonoti, Fuimaono, Leota, Lemalu, Sapolu,
Soliai, Tuimavave, Sopoaga, Toleafoa, Salave'a, Salavea, Pouono, Faleolo, Fa'alogo, Faalogo, Iosefa, Lauina,
Malietoa, Masoe, Mulitalo, Nanai, Pele, Peni, Schwenke, Seiuli, Sio, Soifua, Su'a, Sua, Suaalii, Suaali'i,
Taotua, Tanuvasa, Tauiliili, Tavita, Toala, Tuatagaloa, Uele, Vaifale, Vaega, Va'ai, Vaai, Amituanai,
Afamasaga, Aiono, Alapati, Anae, Fanene, Fepulea'i, Fepuleai, Fruean, Galuvao, Ioane, Lafaele, Laulu,
Leiataua, Lemisio, Leuluai, Mamea, Matautia, Meleisea, Pulu, Sefo, Seumanu, Solomona, Tafuna, Tagaloa,
Taulapapa, Tuala, Tupuola, Tuiloma, Tuioti, Leavasa, Lealaiauloto, Levaai, Lilomaiava, Alesana, Autagavaia,
Enari, Fa'amausili, Faamausili, Fa'atui, Fetui, Fiaui, Falaniko, Amosa, Pati, Pouvalu, Sakaria,
Tafea, Talataina, Tamapua, Tevaga, Tuimaleali'ifano, Tuimalealiifano, Vili, Savea, Ah Chong, Ah Kuoi,
Matagi, Mauga, Moananu, Pa'u, Paepae, Pale, Penitani, Saofaiga, Siaosi, Sila, Taito, Taua, Ulugia
`);

/** Tongan given names. */
export const TONGAN_GIVEN = list(`
Siosaia, Viliami, Tevita, Sitiveni, Mele, Salote, Lesieli, Losana, Ana, 'Ofa, Ofa, Lupe, Mosese, Sela,
Seini, Siaosi, Semisi, Tomasi, Feleti, Kalolaine, Manase, Paula, Pita, Taniela, Vika, 'Alisi, Alisi,
Heilala, Ilaisaane, Kalisi, Lavinia, Losaline, Lotu, Malakai, Meleane, Peni, Salesi, Sifa, Soane,
Sione, Tupou, Vaiola, Sunia, Fine, Fifita, Hola, Kahaia, Lisiate, Lolo, Longo, Mafi, Mateni, Melenaite,
Mesui, Ofeina, Pilimisi, Saane, Sela, Sioeli, Siueni, Taina, Tavake, Tonga, Uili, Unaloto, Vailea, Vake,
Ahoia, Amelia, Fehi, Fekitoa, Folau, Halatoa, Isileli, Kalo, Kepueli, Kifaki, Latu, Lusia, Manu, Mele'ana,
Naomi, Nau, Pisila, Sefita, Sesilia, Sosefo, Tamale, Tiueti, Toakase, Tuipulotu, Vainikolo
`);

/** Tongan surnames. */
export const TONGAN_SURNAME = list(`
Fifita, Taufa, Tupou, Havili, Lolohea, Vaipulu, Kioa, Latu, Mafi, Vea, Vake, Hufanga, Fonua, Fusitu'a,
Fusitua, Kata, Kupu, Moala, Motuliki, Naufahu, Pahulu, Palu, Piutau, Taione, Tuipulotu, Tu'ipulotu, Vaka,
Veikune, Vainikolo, Halaholo, Hopoate, Kaufana, Mahe, Maka, Otai, 'Otai, Sika, Taumalolo, Taumoepeau,
Tapueluelu, Tau, Tonga'uiha, Tongauiha, Vunipola, Faleafa, Folau, Funaki, Hala, Helu, Katoa, Lavaka,
Lokotui, Maile, Moengangongo, Puloka, Sitani, Tatafu, Fakatava, Fakatou, Fonokalafi, Fotu, Hausia,
Kaufusi, Kauhalalalo, Kaumavae, Lātū, Lauaki, Lolo, Ma'ake, Maake, Mahoni, Manu, Naufahu, Pulu,
Sanft, Sikahema, Tangitau, Tapueluelu, Taufahema, Tuakalau, Tuiaki, Tuipulotu, Ula, Valu, Vaomotou,
Aholelei, Akauola, Fale, Fakalata, Filipe, Finau, Kafoa, Kolo, Langi, Mateni, Ngauamo, Tatola
`);

/** Cook Islands Māori given names. */
export const COOK_ISLANDS_GIVEN = list(`
Teina, Ngametua, Tuaine, Tereapii, Mareta, Tupe, Tamarua, Vaine, Metua, Poko, Ruta, Teuira, Mata,
Tangata, Tepaeru, Tuaine, Tekura, Terangi, Ngatokorua, Maara, Mii, Nga, Noo, Pa, Paiere, Paora, Puna,
Rangi, Taio, Tauei, Teata, Teariki, Tearoa, Tepoave, Terii, Tokoa, Tuakana, Tupou, Turoa, Upokoina,
Vaitoti, Akaiti, Ina, Maine, Mamia, Ngapoko, Ngatamariki, Nooroa, Papa, Rima, Taakoi, Tekao
`);

/** Cook Islands Māori surnames. */
export const COOK_ISLANDS_SURNAME = list(`
Marsters, Tuara, Tekii, Taringa, Tuteru, Teariki, Tangaroa, Rima, Tamarua, Napa, Mataio, Puna, Ioane,
Mokoroa, Munokoa, Ngatoko, Pera, Pokino, Tauei, Teaurima, Tereora, Tuakeu, Tupa, Turua, Upu, Vakatini,
Akava, Arere, Kautai, Koteka, Mateariki, Pittman, Taia, Tararo, Tetava, Tatuava, Tuariki, Tangitamaiti,
Tangimetua, Tutai, Matapo, Moetaua, Nicholas, Ngaoire, Pureariki, Rairi, Rongokea, Taripo, Tekeu,
Teokotai, Tiavare, Tuaputa, Tuiravakai, Ueue, Unuia, Vainerere, Willie, Story, Wichman, Numanga, Heather
`);

/** Chinese given names (pinyin and Cantonese romanisation). */
export const CHINESE_GIVEN = list(`
Wei, Jie, Ming, Yan, Hui, Xin, Jing, Ying, Lei, Jun, Hao, Yi, Tao, Fang, Mei, Qiang, Jian, Xiaoming,
Xiaoling, Xiaoyu, Xiaohong, Zhiwei, Jiahao, Yifan, Zihan, Yuxuan, Haoran, Ruoxi, Xinyi, Yuting, Shu,
Ling, Ping, Feng, Hua, Lan, Ning, Peng, Qing, Rui, Shan, Ting, Wen, Xia, Xue, Yong, Yun, Zhen, Zhi,
Jiayi, Jinhua, Lihua, Liwei, Meiling, Qian, Shuang, Tingting, Wenjie, Xiuying, Yanling, Yiming, Yuhan,
Yuxin, Zhiqiang, Zhihao, Zixuan, Ka-wai, Kawai, Siu, Chi, Hoi, Yee, Wai, Kwok-wing, Chun, Hing, Ka-yan,
Ka-ming, Mei-ling, Wing-yan, Ah, Bao, Chen, Dan, Guang, Hai, Jia, Kang, Liang, Min, Qi, Shen, Shuo,
Song, Tian, Xiang, Xiao, Yang, Yao, Ye, Yu, Yuan, Zhong, Zhou, Jinping, Jiaqi, Yutong, Haoyu, Junjie
`);

/** Chinese surnames. */
export const CHINESE_SURNAME = list(`
Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Ma, Zhu, Hu, Guo, He, Lin, Luo, Gao,
Zheng, Liang, Xie, Tang, Song, Han, Feng, Deng, Cao, Peng, Zeng, Xiao, Tian, Dong, Pan, Yuan, Cai, Jiang,
Yu, Du, Ye, Cheng, Wei, Su, Lu, Ding, Ren, Shen, Yao, Jin, Fu, Zhong, Fan, Wong, Chan, Cheung, Lau, Leung,
Ng, Ho, Lam, Chow, Tse, Yip, Kwok, Lai, Tam, Mak, Lo, Chui, Chin, Lee, Low, Tan, Teo, Goh, Lim, Ong, Koh,
Chua, Yeo, Chong, Fong, Hui, Kwan, Kong, Leong, Loh, Mok, Poon, Siu, Szeto, Tsang, Tong, Tsui, Wan, Yau,
Yung, Au, Chau, Choi, Chu, Fok, Hung, Kam, Ko, Kwong, Lok, Man, Pang, Sit, To, Wai, Wu, Yue, Bai, Bian,
Hou, Jia, Kang, Kong, Lei, Meng, Mo, Qian, Qin, Shi, Tao, Wen, Xiong, Yan, Yin, Zhan, Zou, Gu, Qiu
`);

/** Indian (and Fiji Indian) given names. */
export const INDIAN_GIVEN = list(`
Priya, Rahul, Amit, Anjali, Arjun, Deepak, Divya, Gaurav, Harpreet, Jaspreet, Manpreet, Gurpreet, Simran,
Rajesh, Ravi, Sanjay, Sunil, Suresh, Vikram, Vijay, Pooja, Neha, Kavita, Sunita, Anita, Asha, Meera,
Lakshmi, Aarav, Aditya, Akash, Ankit, Arun, Ashok, Dinesh, Ganesh, Gopal, Hari, Karan, Krishna, Mahesh,
Manoj, Mohan, Nikhil, Prakash, Pradeep, Rajiv, Rakesh, Ramesh, Rohit, Sachin, Sandeep, Sameer, Shiv,
Siddharth, Tarun, Varun, Vivek, Yash, Aisha, Anika, Ishaan, Kiran, Nisha, Rani, Rekha, Ritu, Sapna,
Shreya, Swati, Tanvi, Uma, Usha, Gurdeep, Harjit, Kuldeep, Mandeep, Navdeep, Parminder, Rajinder,
Sukhdeep, Balwinder, Jaswinder, Amarjit, Ranjit, Inderjit, Baljit, Raj, Dev, Anil, Vinod, Pankaj, Sneha,
Shalendra, Ashneel, Ronil, Shalini, Reshmi, Avinesh, Praneel, Ravinesh, Sanjeshni, Ajay, Alok, Amrita,
Ananya, Aparna, Bhavna, Chandra, Darshan, Deepika, Farhan, Gita, Geeta, Harsh, Indira, Jyoti, Kamal,
Kishore, Lalit, Madhu, Mukesh, Nandini, Naveen, Nitin, Prem, Preeti, Radha, Rajendra, Ritesh, Rupinder,
Sarita, Satish, Seema, Shanti, Shilpa, Sonia, Subhash, Sudha, Sushil, Tejinder, Uday, Vandana, Vishal,
Yogesh, Zubin, Bhupinder, Sukhwinder, Gurmeet, Jaswant, Kulwinder, Manjit, Rajwinder, Satnam, Hardeep,
Daljit, Gurinder, Jatinder, Harvinder, Navjot, Sandeep, Rupinder, Mohammed, Muhammad, Ahmed, Imran, Faisal,
Ayesha, Fatima, Zainab, Irfan, Rafiq, Tariq, Asif, Nadia, Harjinder, Amandeep, Kamaljit, Lovepreet, Prabhjot, Arshdeep, Gurjit, Jagdeep, Paramjit,
Shaveen, Shivneel, Shaneel, Rohinesh, Anjeshni, Kirti, Neelam, Poonam, Reena, Salma, Shabnam, Vinita
`);

/** Indian (and Fiji Indian) surnames. */
export const INDIAN_SURNAME = list(`
Sharma, Singh, Kaur, Patel, Kumar, Gupta, Verma, Reddy, Rao, Nair, Iyer, Menon, Pillai, Das, Shah, Mehta,
Joshi, Chopra, Kapoor, Malhotra, Bhatia, Sandhu, Gill, Dhillon, Sidhu, Grewal, Brar, Bains, Chauhan,
Yadav, Mishra, Pandey, Tiwari, Dubey, Srivastava, Agarwal, Jain, Desai, Naidu, Prasad, Chand, Lal,
Narayan, Khan, Hussain, Ahmed, Chaudhry, Bhatt, Trivedi, Kulkarni, Deshpande, Banerjee, Chatterjee,
Mukherjee, Bose, Ghosh, Sen, Dutta, Naik, Shetty, Krishnan, Subramaniam, Raman, Goundar, Sami, Lata,
Devi, Wati, Dayal, Maharaj, Aulakh, Bajwa, Chahal, Cheema, Deol, Dhaliwal, Garcha, Johal, Kang, Mann,
Randhawa, Saini, Sekhon, Thind, Virk, Bhardwaj, Goswami, Iqbal, Kohli, Malik, Nath, Pal, Parekh, Rana,
Rathore, Saxena, Sethi, Sinha, Tandon, Thakur, Vaid, Vyas, Ram, Kishore, Nand, Pratap, Raju, Achari,
Chetty, Gounder, Mudaliar, Naicker, Pillay, Reddi, Sahu, Hans, Dutt, Lochan, Bali, Kapur, Arora
`);

/** Korean given names. */
export const KOREAN_GIVEN = list(`
Min-jun, Minjun, Seo-yeon, Seoyeon, Ji-woo, Jiwoo, Ji-hoon, Jihoon, Hyun-woo, Hyunwoo, Seung-hyun,
Soo-jin, Soojin, Eun-ji, Eunji, Ha-eun, Haeun, Ye-jin, Yejin, Jae-won, Jaewon, Sung-min, Sungmin,
Dong-hyun, Donghyun, Young-ho, Youngho, Min-seo, Minseo, Yuna, Ji-min, Jimin, Hye-jin, Hyejin, Kyung-soo,
Sang-woo, Sangwoo, Jun-ho, Junho, Seo-jun, Seojun, Do-yun, Doyun, Yoon-seo, Yoonseo, Ji-ho, Jiho,
Min-ji, Minji, Su-bin, Subin, Ye-won, Yewon, Hyun-jin, Hyunjin, Jin-woo, Jinwoo, Seung-min, Seungmin,
Joon, Jae-hyun, Jaehyun, Sun-hee, Sunhee, Mi-young, Miyoung, Jung-hoon, Junghoon, Eun-young, Kyung-mi,
Hye-won, Na-yeon, Nayeon, Woo-jin, Woojin, Tae-yang, Taeyang, Hee-jin, Heejin, Sora, Minho, Jisoo, Jiyeon
`);

/** Korean surnames. */
export const KOREAN_SURNAME = list(`
Kim, Lee, Park, Choi, Jung, Jeong, Kang, Cho, Jo, Yoon, Yun, Jang, Lim, Han, Oh, Seo, Shin, Kwon, Hwang,
Ahn, Song, Yoo, Hong, Jeon, Ko, Moon, Yang, Son, Bae, Baek, Heo, Nam, Noh, Ha, Kwak, Byun, Chung, Ryu,
Woo, Gu, Koo, Min, Seong, Sung, Cha, Ju, Na, Jin, Pyo, Eom, Um, Chae, Won, Bang, Gong, Hyun, Yeo, Ok
`);

/** Filipino given names. */
export const FILIPINO_GIVEN = list(`
Maria, Jose, Juan, Jerome, Rodel, Reynaldo, Rowena, Marites, Maricel, Jocelyn, Rommel, Ernesto, Lorna,
Analyn, Jenelyn, Arnel, Joel, Rey, Ramon, Rosario, Luzviminda, Divina, Marivic, Cristina, Dennis,
Edgardo, Florante, Gemma, Imelda, Jesus, Leonora, Lourdes, Marilou, Nenita, Perla, Rhea, Ricardo, Rodrigo,
Rolando, Teresita, Virgilio, Wilfredo, Danilo, Eduardo, Fernando, Jomar, Kristine, Mylene, Rachelle,
Shiela, Aileen, Alma, Antonio, Arlene, Benjie, Bong, Carmelita, Charmaine, Corazon, Dindo, Emelda, Erlinda,
Evangeline, Felipe, Gilbert, Honeylyn, Jaypee, Jhun, Jonalyn, Josefina, Lorenzo, Lovely, Manuel, Marlon,
Melchor, Mercedita, Nestor, Noel, Normita, Pacita, Raul, Remedios, Ronaldo, Rosalinda, Ruel, Ryan,
Salvador, Sheryl, Voltaire, Wilma, Zenaida, Ma, Marjorie, Jovelyn, Arvin, Aljon, Jayson, Kimberly
`);

/** Filipino surnames. */
export const FILIPINO_SURNAME = list(`
Santos, Reyes, Cruz, Bautista, Ocampo, Garcia, Mendoza, Torres, Tomas, Andrada, Castillo, Flores,
Villanueva, Ramos, Castro, Rivera, Aquino, Navarro, Salazar, Mercado, Dela Cruz, De Leon, Del Rosario,
Delos Santos, De Guzman, De la Cruz, Gonzales, Lopez, Fernandez, Aguilar, Domingo, Pascual, Manalo,
Dizon, Soriano, Macaraeg, Dimaculangan, Magbanua, Panganiban, Pangilinan, Sison, Tolentino, Valdez,
Villareal, Yap, Abad, Agbayani, Alcantara, Alvarez, Aragon, Bernardo, Buenaventura, Cabrera, Calderon,
Catapang, Concepcion, Corpuz, Cortez, Cuevas, Dalisay, Dimagiba, Enriquez, Esguerra, Espiritu, Estrada,
Evangelista, Francisco, Gatchalian, Guevarra, Hernandez, Ignacio, Javier, Jimenez, Lacson, Lim,
Macapagal, Magsaysay, Malabanan, Manansala, Marquez, Medina, Morales, Natividad, Ocampo, Padilla,
Pineda, Quiambao, Quizon, Robles, Roxas, Salonga, Samonte, Santiago, Sarmiento, Tan, Tiongson, Umali,
Valenzuela, Velasco, Vergara, Zamora, Lagman, Manalastas, Mangubat, Pacquiao, Sumulong, Tuazon
`);

/** English (and other European) given names common in New Zealand. */
export const ENGLISH_GIVEN = list(`
James, John, Robert, Michael, William, David, Richard, Joseph, Thomas, Charles, Christopher, Daniel,
Matthew, Anthony, Mark, Donald, Steven, Stephen, Paul, Andrew, Joshua, Kenneth, Kevin, Brian, George,
Timothy, Ronald, Edward, Jason, Jeffrey, Ryan, Jacob, Gary, Nicholas, Eric, Jonathan, Larry, Justin,
Scott, Brandon, Benjamin, Samuel, Gregory, Alexander, Frank, Patrick, Raymond, Jack, Dennis, Jerry, Tyler,
Aaron, Henry, Adam, Douglas, Nathan, Peter, Zachary, Kyle, Noah, Ethan, Jeremy, Christian, Keith, Roger,
Terry, Sean, Shaun, Austin, Carl, Harold, Dylan, Arthur, Lawrence, Jordan, Jesse, Bryan, Billy, Bruce,
Gabriel, Joe, Logan, Alan, Allan, Albert, Willie, Elijah, Wayne, Randy, Vincent, Liam, Oliver, Lucas,
Mason, Hunter, Cooper, Riley, Blake, Bradley, Craig, Shane, Grant, Murray, Graeme, Graham, Ian, Neil,
Stuart, Trevor, Warren, Dean, Glen, Glenn, Brett, Hamish, Angus, Callum, Campbell, Fraser, Jamie, Kerry,
Lachlan, Nigel, Rhys, Toby, Chris, Mike, Dave, Steve, Matt, Nick, Ben, Sam, Jim, Bob, Rob, Andy, Pete, Phil,
Greg, Jeff, Ken, Ray, Ron, Stu, Baz, Jono, Josh, Zac, Zach, Jake, Luke, Jared, Jarrod, Brad, Barry, Colin, Darren, Derek, Gavin, Geoffrey, Jarrod, Kane, Lance, Leon,
Malcolm, Martin, Max, Mitchell, Phillip, Philip, Rex, Robin, Ross, Russell, Simon, Tim, Tom, Tony, Troy,
Mary, Patricia, Jennifer, Linda, Elizabeth, Barbara, Susan, Jessica, Sarah, Karen, Lisa, Nancy, Betty,
Sandra, Margaret, Ashley, Kimberley, Emily, Donna, Michelle, Carol, Amanda, Melissa, Deborah, Stephanie,
Rebecca, Sharon, Laura, Cynthia, Dorothy, Amy, Kathleen, Angela, Shirley, Brenda, Emma, Anna, Pamela,
Nicole, Samantha, Katherine, Christine, Helen, Debra, Rachel, Carolyn, Janet, Catherine, Heather, Diane,
Olivia, Julie, Joyce, Victoria, Ruth, Virginia, Lauren, Kelly, Christina, Joan, Evelyn, Judith, Andrea,
Hannah, Megan, Cheryl, Jacqueline, Martha, Madison, Teresa, Gloria, Sara, Janice, Ann, Anne, Kathryn,
Abigail, Sophia, Frances, Jean, Alice, Judy, Isabella, Julia, Grace, Amber, Denise, Danielle, Marilyn,
Beverley, Charlotte, Natalie, Theresa, Diana, Brittany, Doris, Kayla, Alexis, Lori, Marie, Chloe, Ella,
Amelia, Mia, Ava, Isla, Harper, Ruby, Zoe, Lily, Georgia, Sophie, Lucy, Holly, Kate, Jess, Kirsty,
Leanne, Tracey, Wendy, Bronwyn, Raewyn, Robyn, Glenys, Colleen, Maxine, Sheryl, Alison, Fiona, Gillian,
Jillian, Joanne, Kylie, Mandy, Nicola, Shona, Tania, Vanessa, Jodie, Kim, Lynette, Maureen, Megan,
Paula, Rose, Sally, Stacey, Tina, Toni, Tessa, Trudy, Yvonne, Claire, Bridget, Caitlin, Erin, Hayley,
Jade, Jasmine, Jen, Liz, Sue, Meg, Becky, Nikki, Steph, Sophie, Mel, Bec, Kat, Jo, Jacqui, Kristen, Krystal, Maddison, Renee, Shannon, Sienna, Tayla, Brooke, Courtney, Jacinda
`);

/** English (and Scottish, Irish, Welsh, Dutch) surnames common in New Zealand. */
export const ENGLISH_SURNAME = list(`
Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Anderson, Taylor, Thomas, Moore, Martin,
Jackson, Thompson, Thomson, White, Harris, Clark, Clarke, Lewis, Robinson, Walker, Young, Allen, King,
Wright, Scott, Hill, Green, Adams, Baker, Nelson, Hall, Campbell, Mitchell, Carter, Roberts, Phillips,
Evans, Turner, Parker, Collins, Edwards, Stewart, Morris, Murphy, Cook, Rogers, Morgan, Cooper, Peterson,
Reed, Bailey, Bell, Kelly, Howard, Ward, Cox, Richardson, Wood, Watson, Brooks, Bennett, Gray, Grey,
James, Hughes, Price, Sanders, Myers, Ross, Foster, Powell, Jenkins, Perry, Russell, Sullivan, Fisher,
Henderson, Coleman, Simmons, Patterson, Paterson, Reynolds, Hamilton, Graham, Wallace, Cole, Hayes,
Gibson, Ellis, Stevens, Murray, Ford, Marshall, Owens, McDonald, Macdonald, Harrison, Kennedy, Wells,
Webb, Tucker, Porter, Hunter, Hicks, Crawford, Henry, Boyd, Mason, Fraser, MacKenzie, McKenzie, O'Brien,
O'Connor, O'Neill, Ryan, Walsh, Byrne, Doyle, Quinn, Burke, Lynch, Davies, Lloyd, Griffiths, Rees,
Cameron, Robertson, Reid, Johnston, Sinclair, Fletcher, Harvey, Barker, Chapman, Dixon, Holmes, Knight,
Lawrence, Mills, Payne, Pearce, Riley, Shaw, Simpson, Spencer, Watts, Wilkinson, Atkinson, Bird, Brennan,
Burns, Butler, Chambers, Dawson, Douglas, Duncan, Elliott, Ferguson, Gordon, Grant, Hunt, Hutchinson,
Keane, Matthews, McLean, Maclean, Newton, Norris, Palmer, Pickering, Rowe, Sharp, Todd, Webster, Wheeler,
Whitehead, Woods, Anderton, Beattie, Blair, Bray, Buchanan, Carr, Cunningham, Dunn, Findlay, Fitzgerald,
Gallagher, Hannah, Hogan, Jamieson, Kerr, Kirk, Laing, Lamb, Little, Lowe, McIntyre, McKay, Mackay,
McLeod, Macleod, McMillan, Milne, Muir, Munro, Nicholson, Nolan, O'Sullivan, Patel, Pollock, Rennie,
Ritchie, Sutherland, Tait, Wallis, Wilde, Van der Berg, Van Dyk, De Vries, Jansen, Bakker, Visser
`);

/** Given names of every community above, for lookups. */
export const GIVEN_NAMES: readonly string[] = [
  ...MAORI_GIVEN,
  ...SAMOAN_GIVEN,
  ...TONGAN_GIVEN,
  ...COOK_ISLANDS_GIVEN,
  ...CHINESE_GIVEN,
  ...INDIAN_GIVEN,
  ...KOREAN_GIVEN,
  ...FILIPINO_GIVEN,
  ...ENGLISH_GIVEN,
];

/** Surnames of every community above, for lookups. */
export const SURNAMES: readonly string[] = [
  ...MAORI_SURNAME,
  ...SAMOAN_SURNAME,
  ...TONGAN_SURNAME,
  ...COOK_ISLANDS_SURNAME,
  ...CHINESE_SURNAME,
  ...INDIAN_SURNAME,
  ...KOREAN_SURNAME,
  ...FILIPINO_SURNAME,
  ...ENGLISH_SURNAME,
];

/**
 * Names that are also ordinary words (English or te reo Māori) or too short to trust alone: never a
 * name on a list hit by themselves, only with context or next to another name.
 */
export const AMBIGUOUS = list(`
Will, Mark, Bill, Sue, Ray, Rob, Bob, Rose, Grace, Hope, Faith, Joy, Dawn, Summer, Hunter, Amber, Ruby, Lily, Holly, Georgia,
Jordan, Grant, Long, Page, Stone, Bishop, Young, King, Hall, Hill, Green, White, Brown, Wood, Cook, Ward,
Bell, Price, Park, Lane, West, Sharp, May, June, August, Chase, Rich, Frank, Sunny, Wing, Man, He, Ma, Ye,
Lo, Su, Hu, Ho, Sun, Song, Fan, Low, Tan, Oh, Ha, Ko, Son, Moon, Nam, Woo, Jo, Gu, Han, Kai, Aroha,
Moana, Manu, Tui, Tūī, Kauri, Wairua, Rangi, Mana, Toa, Pua, Tonga, Lima, Ram, Dev, Raj, Ah, Chi, Dan,
Hai, Min, Qi, Ye, Yi, Yu, Nga, Pa, Papa, Mata, Ina, Ana, Ula, Fine, Tala, Tau, Fale, Kolo, Hola, Longo,
Lotu, Nau, Niu, Sau, Tupu, Aiga, Tahu, Tiare, Koro, Whaea, Nikau, Ngaio, Kōwhai, Kowhai, Matariki,
Toroa, Huia, Kahu, Rua, Tama, Teina, Ariki, Tangata, Maara, Mii, Noo, Tuhi, Tuakana, Rima, Puna, Wai,
Gill, Mann, Hans, Pal, Nath, Das, Sen, Chand, Lal, Shah, Lee, Lim, Kim, Ng, Au, To, Wan, Mo, Shi, Kang,
Hong, Gong, Won, Bang, Ok, Um, Na, Ju, Cha, Sung, Jin, Ryu, Kong, Tang, Ding, Dong, Fu, Wu, Li, Lu, Xu,
Max, Rex, Tom, Tim, Jess, Kim, Dean, Ross, Murray, Craig, Glen, Lance, Leon, Robin, Kelly, Kerry, Ryan,
Grey, Gray, Rowe, Bird, Lamb, Little, Carr, Kirk, Dunn, Hunt, Ford, Wells, Porter, Mills, Fisher, Shaw,
Parker, Baker, Turner, Cooper, Mason, Marshall, Todd, Henry, James, Thomas, Nelson, Hamilton, Douglas,
Chan, Wong, Lam, Lai, Yip, Mak, Sit, Man, Kwan, Pang, Pan, Cao, Tian, Xiao, Yuan, Ren, Lin, Yan, Yao,
Patel, Singh, Kaur, Kumar, Devi, Ali, Khan, Lata, Wati, Sami, Rao, Jain, Bose, Das, Nair, Raju
`);

/** NZ towns, cities and suburbs (and a few Pacific ones): never names on their own. */
export const PLACES = list(`
Auckland, Wellington, Christchurch, Hamilton, Tauranga, Dunedin, Palmerston North, Napier, Hastings, Nelson,
Rotorua, New Plymouth, Whangārei, Whangarei, Invercargill, Whanganui, Gisborne, Timaru, Blenheim, Taupō, Taupo,
Masterton, Levin, Ashburton, Oamaru, Greymouth, Queenstown, Kerikeri, Kaikohe, Kaitaia, Dargaville,
Thames, Whitianga, Tokoroa, Te Awamutu, Cambridge, Matamata, Morrinsville, Huntly, Ngāruawāhia, Ngaruawahia,
Pukekohe, Papakura, Manurewa, Papatoetoe, Ōtara, Otara, Māngere, Mangere, Ōtāhuhu, Otahuhu, Onehunga,
Ōrākei, Orakei, Ponsonby, Grey Lynn, Glen Innes, Panmure, Howick, Botany, Flat Bush, Henderson, Massey,
Te Atatū, Te Atatu, Avondale, Mount Roskill, Sandringham, Kingsland, Newmarket, Parnell, Remuera, Epsom,
Takapuna, Albany, Ōrewa, Orewa, Warkworth, Wellsford, Helensville, Kumeū, Kumeu, Waiheke, Ōtaki, Otaki,
Paraparaumu, Waikanae, Porirua, Tawa, Johnsonville, Karori, Newtown, Kilbirnie, Miramar, Te Aro, Petone,
Wainuiomata, Naenae, Taitā, Taita, Stokes Valley, Waiwhetū, Waiwhetu, Trentham, Featherston, Martinborough,
Riccarton, Hornby, Papanui, Shirley, Aranui, Linwood, Sydenham, Addington, Rangiora, Kaiapoi, Rolleston,
Lincoln, Mosgiel, Alexandra, Cromwell, Gore, Bluff, Balclutha, Westport, Hokitika, Motueka, Richmond,
Picton, Kaikōura, Kaikoura, Feilding, Dannevirke, Waipukurau, Wairoa, Ōpōtiki, Opotiki, Whakatāne,
Whakatane, Kawerau, Murupara, Te Puke, Katikati, Waihi, Paeroa, Ngāwhā, Ngawha, Moerewa, Kawakawa,
Ōkaihau, Okaihau, Hokianga, Ruatoria, Tolaga Bay, Tokomaru Bay, Ōtorohanga, Otorohanga, Te Kūiti,
Te Kuiti, Taumarunui, Tūrangi, Turangi, Ōhakune, Ohakune, Raetihi, Hāwera, Hawera, Stratford, Waitara,
Marton, Bulls, Foxton, Ōtautahi, Otautahi, Tāmaki Makaurau, Pōneke, Poneke, Kirikiriroa, Ōtepoti,
Apia, Nukuʻalofa, Nukualofa, Rarotonga, Aitutaki, Suva, Nadi, Lautoka, Niue, Tokelau, Samoa, Fiji, Tahiti,
Manila, Cebu, Beijing, Shanghai, Guangzhou, Seoul, Busan, Delhi, Mumbai, Punjab, Sydney, Melbourne, Brisbane
`);

/** Titles and roles that introduce a name; `staff` ones mark the name for the staff-safety review. */
export const TITLES: ReadonlyArray<{ words: string; staff: boolean }> = [
  { words: 'mr', staff: false },
  { words: 'mrs', staff: false },
  { words: 'ms', staff: false },
  { words: 'miss', staff: false },
  { words: 'mx', staff: false },
  { words: 'dr', staff: false },
  { words: 'doctor', staff: false },
  { words: 'prof', staff: false },
  { words: 'professor', staff: false },
  { words: 'whaea', staff: false },
  { words: 'matua', staff: false },
  { words: 'koro', staff: false },
  { words: 'kuia', staff: false },
  { words: 'prisoner', staff: false },
  { words: 'inmate', staff: false },
  { words: 'offender', staff: false },
  { words: 'patient', staff: false },
  { words: 'visitor', staff: false },
  { words: 'complainant', staff: false },
  { words: 'requester', staff: false },
  { words: 'detective', staff: false },
  { words: 'constable', staff: false },
  { words: 'sergeant', staff: false },
  { words: 'judge', staff: false },
  { words: 'visiting justice', staff: false },
  { words: 'adjudicator', staff: false },
  { words: 'accused', staff: false },
  { words: 'interpreter', staff: false },
  { words: 'witness', staff: false },
  { words: 'lawyer', staff: false },
  { words: 'counsel', staff: false },
  { words: 'social worker', staff: false },
  { words: 'handler', staff: true },
  { words: 'co', staff: true },
  { words: 'sco', staff: true },
  { words: 'pco', staff: true },
  { words: 'officer', staff: true },
  { words: 'corrections officer', staff: true },
  { words: 'senior corrections officer', staff: true },
  { words: 'principal corrections officer', staff: true },
  { words: 'custodial officer', staff: true },
  { words: 'probation officer', staff: true },
  { words: 'case manager', staff: true },
  { words: 'unit manager', staff: true },
  { words: 'residential manager', staff: true },
  { words: 'prison director', staff: true },
  { words: 'nurse', staff: true },
  { words: 'registered nurse', staff: true },
  { words: 'rn', staff: true },
  { words: 'health centre manager', staff: true },
  { words: 'psychologist', staff: true },
  { words: 'chaplain', staff: true },
  { words: 'kaiwhakahaere', staff: true },
];

/** Kinship and relationship words: a capitalised word after them is very likely a name. */
export const RELATION_WORDS = list(`
brother, sister, mother, father, mum, dad, son, daughter, wife, husband, partner, cousin, uncle, aunty,
auntie, aunt, nephew, niece, friend, grandmother, grandfather, nan, nana, koro, kuia, tamaiti, tama,
tamāhine, mokopuna, whānau, lawyer, counsel, advocate, victim, witness, co-accused, associate, named,
called, cellmate, visitor, colleague, supervisor, manager, agent
`);

/**
 * Capitalised words that are not names in these documents: function words, headings, institutions,
 * places, months and days, te reo greetings. A run of these is never a name.
 */
export const NOT_NAMES = list(`
Sir, Madam, Sirs, Colleagues, Everyone, Team, The, A, An, And, Or, But, If, He, She, They, We, I, It, His, Her, Hers, Their, Our, My, Your, This, That,
These, Those, There, Then, When, While, After, Before, During, At, On, In, Of, For, From, To, By, With,
Without, As, Re, Later, Upon, Yesterday, Today, Tonight, Following, All, Both, Some, Several, Once, Due,
Whilst, Although, However, Also, Because, Since, Until, Once, Meanwhile, Shortly, Approximately, Around,
Nothing, Everyone, Someone, Nobody, Officers, Prisoners, Staff, Management, Custody, Clinical, Nursing, Fwd, Fw, Subject, Date, Time, Sent, Cc, Bcc, Dear, Hi, Hello, Kia, Ora, Tēnā, Tena, Koe,
Kōrua, Korua, Koutou, Ngā, Nga, Mihi, Nui, Noho, Mai, Talofa, Lava, Mālō, Malo, Lelei, Orana, Fakaalofa,
Lahi, Atu, Regards, Kind, Thanks, Thank, You, Yours, Sincerely, Cheers, Best, Warm, Please, Note, Notes,
Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday, Mon, Tue, Tues, Wed, Thu, Thur, Thurs,
Fri, Sat, Sun, January, February, March, April, May, June, July, August, September, October, November,
December, Jan, Feb, Mar, Apr, Jun, Jul, Aug, Sep, Sept, Oct, Nov, Dec, Corrections, Department, Ara,
Poutama, Aotearoa, New, Zealand, Prison, Prisons, Unit, Wing, Block, Cell, Court, District, High, Health,
Centre, Center, Hospital, Police, Ministry, Justice, Manager, Officer, Nurse, Prisoner, Inmate, Offender,
Staff, Team, Report, Reports, Incident, File, Summary, Page, Section, Act, Privacy, Official, Information,
Request, Reference, Ref, Email, Mobile, Phone, Tel, Ph, Fax, Address, Street, Road, Avenue, Drive, Place,
Crescent, Terrace, Lane, Way, Box, Private, Bag, North, South, East, Island, City, Council, Auckland,
Wellington, Christchurch, Hamilton, Tauranga, Dunedin, Rotorua, Whangārei, Whangarei, Palmerston,
Napier, Hastings, Nelson, Invercargill, Whanganui, Gisborne, Plymouth, Porirua, Hutt, Lower, Upper,
Manukau, Mount, Mt, Eden, Paremoremo, Rimutaka, Remutaka, Waikeria, Spring, Springhill, Arohata,
Tongariro, Otago, Manawatū, Manawatu, Northland, Waikato, Canterbury, Southland, Taranaki, Hawke's, Bay,
Rolleston, Wiri, Men's, Women's, Region, Regional, Facility, Corrections, Service, Services, Probation,
Community, Māori, Maori, Pacific, Pākehā, Pakeha, English, Samoan, Tongan, Chinese, Indian, Korean,
Filipino, Fijian, Cook, Islands, Whānau, Whanau, Hapū, Hapu, Iwi, Ngāti, Ngati, Ngāi, Ngai, Te, Reo,
Tikanga, Kaupapa, Marae, Tangihanga, Karakia, Hui, Whare, Tāne, Wāhine, Kaumātua, Kaumatua,
Rangatahi, Mātua, Tamariki, Aroha, Mana, Tapu, Noa, Kai, Wai, Moana, NHI, IRD, PRN, DOB, NZ, NZL, CO, PCO,
SCO, Mr, Ms, Mrs, Miss, Dr, Whaea, Matua, Rd, St, Ave, PO, ID, OIA, PA, CCTV, Use, Force, Misconduct,
Medical, Mental, Dental, Drug, Alcohol, Test, Tests, Result, Results, Outcome, Action, Actions,
Recommendation, Recommendations, Attachment, Attachments, Appendix, Schedule, Table, Total, Yes, No, Not,
Applicable, Other, Others, Name, Names, Surname, Given, First, Last, Middle, Full, Birth, Born, Age, Aged,
Gender, Male, Female, Ethnicity, Occupation, Employer, Signed, Signature, Witnessed, Approved, Prepared,
Reviewed, Checked, Received, Completed, Status, Open, Closed, Pending, Urgent, Confidential, Restricted,
In-Confidence, Sensitive, Draft, Final, Version, Visit, Visits, Visiting, Phone Call, Call, Calls, Letter,
Letters, Form, Forms, Application, Applications, Complaint, Complaints, Response, Decision, Grounds,
Release, Withheld, Redacted, Copy, Original, Dept, Govt, Government, Limited, Ltd, Trust, Board, Authority,
Commission, Commissioner, Ombudsman, Inspector, Inspectorate, Google, Microsoft, Outlook, Teams, Zoom,
ACC, WINZ, MSD, IR, Inland, Revenue, Te Whatu Ora, Whatu, Kāinga, Kainga, Oranga, Tamariki, Waka,
Kotahi, Housing, Work, Income, StudyLink, Toyota, Holden, Ford, Nissan, Mazda, Honda, Subaru,
Mitsubishi, Suzuki, Hyundai, Volkswagen, Corolla, Hilux, Commodore, Falcon, Ranger, Demio, Civic,
Legacy, Outlander, Swift, Tucson, Golf, Silver, Black, Red, Blue, White, Grey, Green, Wing A, Kōwhai,
Rātā, Rata, Tōtara, Totara, Rimu, Matai, Kahikatea, Pōhutukawa, Pohutukawa, Harakeke, Puriri, Karaka,
Level, Floor, Room, Ward, Clinic, Pharmacy, GP, Practice, Medical Centre, Emergency, Department
`);
